import BundleModel
import Foundation
import XCTest

final class EnvironmentSettingTests: XCTestCase {
    /// The entries read straight from the environment are those of `ProcessInfo.environment` whose
    /// names have one of the prefixes, values with `=` and empty values included.
    func testEntriesWithPrefixesAreTheEnvironmentsOwn() {
        let set = ["BUNDLE_VAR_catalog": "main", "BUNDLE_VAR_expr": "a=b=c", "BUNDLE_VAR_empty": "", "DABREPO_TEST_SETTING": "1",
                   "NOT_BUNDLE_VAR_x": "no", "BUNDLE_VARIABLE": "no"]
        for (name, value) in set { setenv(name, value, 1) }
        defer { for name in set.keys { unsetenv(name) } }
        let prefixes = ["BUNDLE_VAR_", "DABREPO_"]
        let read = EnvironmentSetting.entries(prefixes: prefixes)
        let expected = ProcessInfo.processInfo.environment.filter { name, _ in prefixes.contains { name.hasPrefix($0) } }
        XCTAssertEqual(read, expected)
        XCTAssertEqual(read["BUNDLE_VAR_expr"], "a=b=c")
        XCTAssertEqual(read["BUNDLE_VAR_empty"], "")
        XCTAssertNil(read["NOT_BUNDLE_VAR_x"])
        XCTAssertNil(read["BUNDLE_VARIABLE"])
    }
}
