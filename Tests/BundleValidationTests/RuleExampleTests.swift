import BundleModel
import BundleValidation
import XCTest

/// Runs every rule's triggering and non-triggering examples (SwiftLint style): adding a rule adds its tests.
final class RuleExampleTests: XCTestCase {
    func testEveryRuleTriggersOnItsTriggeringExamples() throws {
        for rule in RuleRegistry.all {
            let d = type(of: rule).description
            XCTAssertFalse(d.triggeringExamples.isEmpty, "\(d.id) has no triggering example")
            for (n, example) in d.triggeringExamples.enumerated() {
                let (files, marker) = example.unmarked
                let found = try Self.validate(files, example).filter { $0.rule == d.id }
                XCTAssertFalse(found.isEmpty, "\(d.id) triggering example #\(n + 1) did not trigger the rule")
                if let marker {
                    XCTAssertTrue(found.contains { $0.location == marker },
                                  "\(d.id) triggering example #\(n + 1): expected a diagnostic at \(marker), got \(found.map { "\($0.location.map(String.init(describing:)) ?? "-"): \($0.summary)" })")
                }
                for diagnostic in found {
                    XCTAssertEqual(diagnostic.severity, d.severity, "\(d.id): diagnostic severity differs from the rule's")
                }
            }
        }
    }

    func testNoRuleTriggersOnNonTriggeringExamples() throws {
        for rule in RuleRegistry.all {
            let d = type(of: rule).description
            XCTAssertFalse(d.nonTriggeringExamples.isEmpty, "\(d.id) has no non-triggering example")
            for (n, example) in d.nonTriggeringExamples.enumerated() {
                let (files, marker) = example.unmarked
                XCTAssertNil(marker, "\(d.id) non-triggering example #\(n + 1) has a marker")
                let all = try Self.validate(files, example)
                let own = all.filter { $0.rule == d.id }
                XCTAssertTrue(own.isEmpty, "\(d.id) non-triggering example #\(n + 1) triggered: \(own.map(\.summary))")
                // The examples are realistic bundles: no other rule finds an error in them either.
                let errors = all.filter { $0.severity == .error }
                XCTAssertTrue(errors.isEmpty, "\(d.id) non-triggering example #\(n + 1) has errors: \(errors.map { "\($0.rule): \($0.summary)" })")
            }
        }
    }

    func testRuleIdsAreUniqueAndDocumented() {
        let ids = RuleRegistry.ids
        XCTAssertEqual(ids.count, Set(ids).count, "duplicate rule ids")
        for rule in RuleRegistry.all {
            let d = type(of: rule).description
            XCTAssertFalse(d.documentation.isEmpty, d.id)
            XCTAssertTrue(d.id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(d.id) is not kebab-case")
        }
    }

    func testEveryRuleIdTheModelReportsHasARule() {
        let modelIDs = [ModelRuleID.yamlSyntax, ModelRuleID.duplicateKey, ModelRuleID.fileEncoding, ModelRuleID.include, ModelRuleID.includeInIncludedFile,
                        ModelRuleID.resourceDefinedTwice, ModelRuleID.variableReference, ModelRuleID.variableRequired,
                        ModelRuleID.variableLookup]
        for id in modelIDs { XCTAssertNotNil(RuleRegistry.rule(id), "no rule documents \(id)") }
    }

    static func validate(_ files: [String: String], _ example: RuleExample) throws -> [Diagnostic] {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let targets: [String?] = example.target.map { [$0] } ?? (bundle.targetNames.isEmpty ? [nil] : bundle.targetNames.map { Optional($0) })
        return Validator().validate(bundle, targets: targets, overrides: VariableOverrides(commandLine: example.variables))
    }
}

final class QuartzCronExpressionTests: XCTestCase {
    func testValidExpressions() {
        for e in ["0 0 2 * * ?", "0 30 6 ? * MON-FRI", "0 0/15 * * * ?", "0 0 12 L * ?", "0 0 9 ? * 2#1", "0 0 0 1 JAN,JUL ? 2026",
                  "0 15 10 ? * 6L", "0 0 8 15W * ?", "0 0 0 L-3 * ?", "*/10 * * * * ?"] {
            XCTAssertNil(QuartzCronExpression.problem(in: e), e)
        }
    }

    func testInvalidExpressions() {
        let cases = [
            "0 2 * * *": "in Quartz syntax that is \"0 0 2 * * ?\"",
            "0 0 2 * * *": "must be ?",
            "0 0 24 * * ?": "invalid value \"24\" in the hours field",
            "0 0 2 ? * FUNDAY": "invalid value \"FUNDAY\" in the day-of-week field",
            "0 0 2 ? ? *": "? is only allowed",
            "0 0/0 2 * * ?": "invalid step",
            "0 0 2 ? * ?": "cannot both be ?",
        ]
        for (expression, expected) in cases {
            let problem = QuartzCronExpression.problem(in: expression)
            XCTAssertTrue(problem?.contains(expected) ?? false, "\(expression): \(problem ?? "nil")")
        }
    }
}
