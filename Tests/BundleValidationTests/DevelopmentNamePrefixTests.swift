import BundleModel
import BundleValidation
import XCTest

/// A development target's name prefix: surely without the user is an error, possibly with it a warning.
final class DevelopmentNamePrefixTests: XCTestCase {
    func findings(_ prefix: String) throws -> [Diagnostic] {
        let text = """
        bundle:
          name: demo
        targets:
          dev:
            mode: development
            default: true
            presets:
              name_prefix: "\(prefix)"
        """
        return try RuleExampleTests.validate(["databricks.yml": text], RuleExample(text)).filter { $0.rule == "development-name-prefix" }
    }

    func testEnvironmentWordsAreAnErrorALiteralNameAWarningTheUserReferencePasses() throws {
        for prefix in ["[dev] ", "dev_", "[DEV TEAM] ", "${bundle.target}-", "test-", "[dev ${workspace.current_user.id}] "] {
            XCTAssertEqual(try findings(prefix).map(\.severity), [.error], prefix)
        }
        // "ana" may be the deploying user's short name: the CLI's verdict depends on who deploys.
        for prefix in ["[dev ana] ", "ana_"] {
            XCTAssertEqual(try findings(prefix).map(\.severity), [.warning], prefix)
        }
        for prefix in ["[dev ${workspace.current_user.short_name}] ", "${workspace.current_user.userName}_", "ana@example.com-"] {
            XCTAssertEqual(try findings(prefix), [], prefix)
        }
    }
}
