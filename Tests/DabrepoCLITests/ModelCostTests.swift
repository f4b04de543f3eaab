import Foundation
import TestSupport
import XCTest

/// The cost of a model's turn, where the price is configured (DABREPO_PRICE_INPUT / _OUTPUT, or
/// `git config dabrepo.price.<model>.input` / `.output`, US dollars per million tokens): printed after
/// the turn with the tokens, in the JSON result, and recorded as the revision's Dabrepo-Cost trailer.
final class ModelCostTests: ModelTestCase {
    /// 2600 input tokens at $3 and 100 output tokens at $15 per million: $0.0078 + $0.0015.
    func timeoutScript() throws -> FakeLLMServer {
        try anthropic([
            Self.edit("toolu_1", subject: "Give nightly_etl_job a two-hour timeout",
                      [["op": "set", "path": "resources.jobs.nightly_etl_job.timeout_seconds", "value": 7200]]),
            Self.say("Two hours."),
        ])
    }

    func testThePriceFromTheEnvironmentGivesTheCostAfterTheTurnAndInTheRevision() throws {
        let bundle = try initBundle()
        let server = try timeoutScript()
        var env = environment(server)
        env["DABREPO_PRICE_INPUT"] = "3"
        env["DABREPO_PRICE_OUTPUT"] = "15"
        let result = try CommandRunner.dabrepo(["refine", "the nightly job may take two hours at most"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("(2600 input and 100 output tokens, $0.0093)"), result.stdout)
        let message = try gitOutput(["log", "-1", "--format=%B"], in: bundle)
        XCTAssertTrue(message.hasSuffix("Dabrepo-Tokens: 2600 input, 100 output\nDabrepo-Cost: $0.0093"), message)
    }

    func testThePriceFromGitConfigurationIsPerModelAndInTheJSONResult() throws {
        let bundle = try initBundle()
        // Another model's price does not apply.
        try git(["config", "dabrepo.price.claude-other.input", "100"], in: bundle)
        try git(["config", "dabrepo.price.claude-other.output", "100"], in: bundle)
        let server = try timeoutScript()
        let env = environment(server)
        let unpriced = try CommandRunner.dabrepo(["agent", "status"], in: bundle, environment: env)
        XCTAssertTrue(unpriced.stdout.contains("Price: not configured"), unpriced.stdout)
        try git(["config", "dabrepo.price.claude-test.input", "3"], in: bundle)
        try git(["config", "dabrepo.price.claude-test.output", "$15"], in: bundle)
        let status = try CommandRunner.dabrepo(["agent", "status"], in: bundle, environment: env)
        XCTAssertTrue(status.stdout.contains("Price: $3 input, $15 output per million tokens (git config dabrepo.price.claude-test)"), status.stdout)
        let result = try CommandRunner.dabrepo(["refine", "the nightly job may take two hours at most", "-o", "json"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let usage = try XCTUnwrap(try json(result.stdout)["usage"] as? [String: Any])
        XCTAssertEqual(usage["input_tokens"] as? Int, 2600)
        XCTAssertEqual(try XCTUnwrap(usage["cost_usd"] as? Double), 0.0093, accuracy: 1e-9)
        XCTAssertTrue(try gitOutput(["log", "-1", "--format=%B"], in: bundle).hasSuffix("Dabrepo-Cost: $0.0093"))
    }

    func testWithoutAPriceThereIsNoCost() throws {
        let bundle = try initBundle()
        let server = try timeoutScript()
        let result = try CommandRunner.dabrepo(["refine", "the nightly job may take two hours at most", "-o", "json"],
                                               in: bundle, environment: environment(server))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let usage = try XCTUnwrap(try json(result.stdout)["usage"] as? [String: Any])
        XCTAssertNil(usage["cost_usd"])
        XCTAssertFalse(try gitOutput(["log", "-1", "--format=%B"], in: bundle).contains("Dabrepo-Cost"))
    }

    func testAPriceThatIsNotANumberIsAnErrorNamingItAndNothingRuns() throws {
        let bundle = try initBundle()
        let server = try timeoutScript()
        var env = environment(server)
        env["DABREPO_PRICE_INPUT"] = "three dollars"
        env["DABREPO_PRICE_OUTPUT"] = "15"
        let result = try CommandRunner.dabrepo(["refine", "the nightly job may take two hours at most"], in: bundle, environment: env)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("DABREPO_PRICE_INPUT is \"three dollars\", not a price"), result.stderr)
        XCTAssertEqual(try server.requests().count, 0)
        XCTAssertEqual(try gitOutput(["rev-list", "--count", "HEAD"], in: bundle), "1")
    }
}
