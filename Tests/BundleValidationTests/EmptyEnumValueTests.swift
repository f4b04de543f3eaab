import BundleModel
import BundleValidation
import XCTest

/// `type: ""` of a variable: the CLI's typed configuration drops an empty value before its enum check
/// (acceptance/bundle/validate/enum has it and no warning for it); dabrepo warned.
final class EmptyEnumValueTests: XCTestCase {
    func testAnEmptyEnumValueIsNoFinding() throws {
        let yaml = "bundle: {name: demo}\nvariables:\n  a:\n    type: \"\"\n    default: x\n  b:\n    type: INVALID\n    default: y\n"
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": yaml])).load()
        let found = Validator().validate(bundle, targets: [nil]).filter { $0.rule == "enum-value" }
        XCTAssertEqual(found.map(\.path), ["variables.b.type"])
    }
}
