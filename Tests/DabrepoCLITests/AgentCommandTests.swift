import Foundation
import TestSupport
import XCTest

/// `dabrepo agent status` and `dabrepo agent models` as a user runs them: settings from flags, the
/// environment and git configuration; providers answered by the fake language model service.
final class AgentCommandTests: RepositoryTestCase {
    var fake: FakeLLMServer!
    let anthropicKey = "sk-ant-" + "api03-" + String(repeating: "Cl1", count: 12)
    let openAIKey = "sk-" + "proj-" + String(repeating: "Op3n", count: 8)
    let databricksToken = "dapi" + String(repeating: "1a2b3c4d", count: 4)

    override func setUpWithError() throws {
        try super.setUpWithError()
        func endpoint(_ name: String, task: String, ready: String) -> [String: Any] {
            ["name": name, "task": task, "state": ["ready": ready, "config_update": "NOT_UPDATING"],
             "config": ["served_entities": [["name": name, "foundation_model": ["name": name, "display_name": "Served \(name)"]]]]]
        }
        fake = try FakeLLMServer(script: [
            "keys": ["anthropic": anthropicKey, "openai": openAIKey, "databricks": databricksToken],
            "models": ["anthropic": [["id": "claude-sonnet-test", "display_name": "Claude Sonnet Test"], ["id": "claude-haiku-test", "display_name": "Claude Haiku Test"]],
                       "openai": [["id": "gpt-test", "owned_by": "openai"]], "page_size": 1],
            "serving_endpoints": [endpoint("databricks-claude-sonnet-4-5", task: "llm/v1/chat", ready: "READY"),
                                  endpoint("databricks-gte-large-en", task: "llm/v1/embeddings", ready: "READY"),
                                  endpoint("team-llama", task: "llm/v1/chat", ready: "NOT_READY")],
        ], directory: workspace.url)
    }

    override func tearDown() {
        fake = nil
        super.tearDown()
    }

    /// No model service configured except what `values` set; nothing from the machine leaks in.
    func env(_ values: [String: String] = [:]) -> [String: String?] {
        var env = environment
        for name in ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "DABREPO_AGENT", "DABREPO_MODEL",
                     "DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET", "DATABRICKS_CONFIG_FILE",
                     "DATABRICKS_CONFIG_PROFILE"] {
            env[name] = .some(nil)
        }
        for (k, v) in values { env[k] = v }
        return env
    }

    var anthropic: [String: String] { ["ANTHROPIC_API_KEY": anthropicKey, "ANTHROPIC_BASE_URL": fake.host] }
    var databricks: [String: String] { ["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": databricksToken] }

    func run(_ arguments: [String], _ values: [String: String] = [:], in directory: URL? = nil) throws -> CommandResult {
        try CommandRunner.dabrepo(arguments, in: directory ?? workspace.url, environment: env(values))
    }

    func assertNoSecret(_ result: CommandResult, file: StaticString = #filePath, line: UInt = #line) {
        for secret in [anthropicKey, openAIKey, databricksToken] {
            XCTAssertFalse((result.stdout + result.stderr).contains(secret), "a secret was printed", file: file, line: line)
        }
    }

    func testWithoutAModelOnlyTheOfflinePlannerRuns() throws {
        let status = try run(["agent", "status"])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.hasPrefix("Agent: auto (default)\nModel: none\nRuns: the offline planner only\n"), status.stdout)
        XCTAssertTrue(status.stdout.contains("Why: no model is configured"), status.stdout)
        XCTAssertTrue(status.stdout.contains("  anthropic  not configured (ANTHROPIC_API_KEY is unset)"), status.stdout)
        let json = try self.json(try run(["agent", "status", "--output", "json"]).stdout)
        XCTAssertEqual(json["agent"] as? String, "auto")
        XCTAssertEqual(json["uses_model"] as? Bool, false)
        XCTAssertTrue(json["model"] is NSNull)
    }

    func testStatusNamesTheProviderAndModelAndMasksTheKey() throws {
        let status = try run(["agent", "status"], anthropic.merging(["DABREPO_MODEL": "claude-sonnet-test"]) { $1 })
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("Model: claude-sonnet-test (DABREPO_MODEL)"), status.stdout)
        XCTAssertTrue(status.stdout.contains("Runs: the offline planner first, then claude-sonnet-test on Anthropic (anthropic-messages, \(fake.host)/v1/messages)"), status.stdout)
        XCTAssertTrue(status.stdout.contains("Authentication: ANTHROPIC_API_KEY = ********"), status.stdout)
        assertNoSecret(status)
        let json = try self.json(try run(["agent", "status", "-o", "json"], anthropic.merging(["DABREPO_MODEL": "claude-sonnet-test"]) { $1 }).stdout)
        XCTAssertEqual(json["provider"] as? String, "anthropic")
        XCTAssertEqual(json["uses_model"] as? Bool, true)
        XCTAssertEqual(json["offline_first"] as? Bool, true)
        XCTAssertEqual((json["credential"] as? [String: Any])?["value"] as? String, "********")
        XCTAssertEqual(try fake.requests().count, 0, "status reaches no service")
    }

    func testGitConfigurationChoosesTheAgentAndModelRepositoryFirst() throws {
        try write("[user]\n\tname = Test User\n\temail = test@example.com\n[dabrepo]\n\tmodel = from-global\n", to: home.appendingPathComponent(".gitconfig"))
        let outside = try run(["agent", "status", "-o", "json"], databricks)
        XCTAssertEqual(try json(outside.stdout)["model_source"] as? String, "git config dabrepo.model", outside.stdout + outside.stderr)
        XCTAssertEqual(try json(outside.stdout)["model"] as? String, "from-global")

        let repository = workspace.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try git(["init", "-q"], in: repository)
        try git(["config", "dabrepo.agent", "databricks"], in: repository)
        try git(["config", "dabrepo.model", "databricks-claude-sonnet-4-5"], in: repository)
        let inside = try run(["agent", "status"], databricks, in: repository)
        XCTAssertEqual(inside.status, 0, inside.stderr)
        XCTAssertTrue(inside.stdout.hasPrefix("Agent: databricks (git config dabrepo.agent)\nModel: databricks-claude-sonnet-4-5 (git config dabrepo.model)\n"), inside.stdout)
        XCTAssertTrue(inside.stdout.contains("\(fake.host)/serving-endpoints/anthropic/v1/messages"), inside.stdout)
        XCTAssertTrue(inside.stdout.contains("Authentication: a personal access token from DATABRICKS_TOKEN environment variable = ********"), inside.stdout)
        assertNoSecret(inside)
        // The environment wins over git configuration, and a flag over both.
        let overridden = try run(["agent", "status", "--model", "databricks-meta-llama-3-3-70b-instruct", "-o", "json"],
                                 databricks.merging(["DABREPO_AGENT": "auto"]) { $1 }, in: repository)
        let object = try json(overridden.stdout)
        XCTAssertEqual(object["agent_source"] as? String, "DABREPO_AGENT")
        XCTAssertEqual(object["model_source"] as? String, "--model")
        XCTAssertEqual(object["url"] as? String, fake.host + "/serving-endpoints/chat/completions")
    }

    func testModelsListsWhatEachProviderOffers() throws {
        let claude = try run(["agent", "models"], anthropic)
        XCTAssertEqual(claude.status, 0, claude.stderr)
        XCTAssertEqual(claude.stdout, """
        MODEL               DETAIL
        ------------------  ------------------
        claude-sonnet-test  Claude Sonnet Test
        claude-haiku-test   Claude Haiku Test
        2 models on Anthropic

        """)
        let pages = try fake.requests().filter { $0["path"] as? String == "/v1/models" }
        XCTAssertEqual(pages.map { ($0["query"] as? [String: String])?["after_id"] }, [nil, "claude-sonnet-test"],
                       "every page is read (one model a page)")
        XCTAssertEqual((pages.first?["headers"] as? [String: String])?["anthropic-version"], "2023-06-01")

        let gpt = try run(["agent", "models", "--agent", "openai", "-o", "json"], ["OPENAI_API_KEY": openAIKey, "OPENAI_BASE_URL": fake.openAIBaseURL])
        XCTAssertEqual(gpt.status, 0, gpt.stderr)
        XCTAssertEqual(try json(gpt.stdout)["provider"] as? String, "openai")
        XCTAssertEqual((try json(gpt.stdout)["models"] as? [[String: Any]])?.map { $0["id"] as? String }, ["gpt-test"])

        // Databricks: only the ready chat endpoints, through the workspace login; auto lists them before a model is chosen.
        let endpoints = try run(["agent", "models"], databricks)
        XCTAssertEqual(endpoints.status, 0, endpoints.stderr)
        XCTAssertTrue(endpoints.stdout.contains("databricks-claude-sonnet-4-5  Served databricks-claude-sonnet-4-5"), endpoints.stdout)
        XCTAssertFalse(endpoints.stdout.contains("gte-large"), endpoints.stdout)
        XCTAssertFalse(endpoints.stdout.contains("team-llama"), endpoints.stdout)
        XCTAssertTrue(endpoints.stdout.hasSuffix("1 model on Databricks model serving\n"), endpoints.stdout)
        assertNoSecret(endpoints)
    }

    func testModelsWithAWrongKeySaysWhichKeyAndNeverShowsIt() throws {
        let wrong = "sk-ant-" + "api03-" + String(repeating: "Wr0ng", count: 6)
        let denied = try run(["agent", "models"], ["ANTHROPIC_API_KEY": wrong, "ANTHROPIC_BASE_URL": fake.host])
        XCTAssertEqual(denied.status, 1)
        XCTAssertTrue(denied.stderr.hasPrefix("Error: Anthropic (\(fake.host)) did not accept the credential (the API key in ANTHROPIC_API_KEY): invalid x-api-key."), denied.stderr)
        XCTAssertFalse((denied.stdout + denied.stderr).contains(wrong))
        XCTAssertEqual(try fake.requests().filter { $0["path"] as? String == "/v1/models" }.count, 1, "a 401 is not retried")
        let wrongToken = try run(["agent", "models", "--agent", "databricks"], ["DATABRICKS_HOST": fake.host, "DATABRICKS_TOKEN": "dapi" + String(repeating: "9f8e7d6c", count: 4)])
        XCTAssertEqual(wrongToken.status, 1)
        XCTAssertTrue(wrongToken.stderr.contains("dabrepo auth describe"), wrongToken.stderr)
        XCTAssertFalse(wrongToken.stderr.contains("9f8e7d6c9f8e7d6c"), wrongToken.stderr)
    }

    /// A base URL's password (`http://user:pw@proxy`) was printed by `agent status` and in errors, and
    /// its query (`?key=…`) went before the request's path.
    func testABaseURLsPasswordAndQueryKeyAreHiddenAndTheQueryFollowsThePath() throws {
        let base = fake.host.replacingOccurrences(of: "http://", with: "http://proxyuser:pw-Secret1nUrl@") + "/?api-version=2&key=qk-Secret2nQuery"
        let status = try run(["agent", "status", "--agent", "anthropic", "--model", "m"], ["ANTHROPIC_API_KEY": anthropicKey, "ANTHROPIC_BASE_URL": base])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("/v1/messages?api-version=2&key=[REDACTED])"), status.stdout)
        XCTAssertTrue(status.stdout.contains("proxyuser:[REDACTED]@"), status.stdout)
        let models = try run(["agent", "models", "--agent", "anthropic"], ["ANTHROPIC_API_KEY": anthropicKey, "ANTHROPIC_BASE_URL": base])
        XCTAssertEqual(models.status, 0, models.stderr)
        let seen = try fake.requests()
        let pages = seen.filter { $0["path"] as? String == "/v1/models" }
        XCTAssertEqual(pages.first.flatMap { ($0["query"] as? [String: String])?["api-version"] }, "2", "\(seen.map { $0["path"] ?? "" })")
        XCTAssertEqual(pages.last.flatMap { ($0["query"] as? [String: String])?["after_id"] }, "claude-sonnet-test")
        for result in [status, models] {
            XCTAssertFalse((result.stdout + result.stderr).contains("Secret1nUrl"), result.stdout + result.stderr)
            XCTAssertFalse((result.stdout + result.stderr).contains("Secret2nQuery"), result.stdout + result.stderr)
        }
    }

    func testMisconfigurationIsAUsageError() throws {
        let unknown = try run(["agent", "status"], ["DABREPO_AGENT": "gpt"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "Error: unknown agent gpt (from DABREPO_AGENT); choose one of offline, auto, anthropic, databricks, openai\n")
        let nothing = try run(["agent", "models"])
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.stderr.contains("no model provider is configured: set ANTHROPIC_API_KEY"), nothing.stderr)
        let noKey = try run(["agent", "models", "--agent", "anthropic"])
        XCTAssertEqual(noKey.status, 2)
        XCTAssertEqual(noKey.stderr, "Error: Anthropic is not configured: ANTHROPIC_API_KEY is unset\n")
        let chosen = try run(["agent", "status", "--agent", "openai", "--model", "gpt-test"])
        XCTAssertEqual(chosen.status, 0)
        XCTAssertTrue(chosen.stdout.contains("Runs: nothing: openai cannot run"), chosen.stdout)
        XCTAssertTrue(chosen.stdout.contains("Problem: the OpenAI-compatible server is not configured: OPENAI_API_KEY and OPENAI_BASE_URL are unset. Set OPENAI_API_KEY"), chosen.stdout)
    }
}
