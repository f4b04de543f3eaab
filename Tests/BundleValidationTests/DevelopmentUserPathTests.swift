import BundleModel
import BundleValidation
import XCTest

/// A development target's path must name the deploying user, whom validate cannot know offline: a path
/// of the usual folders only is an error; one with another word (`/Volumes/main_udev/ai_labs/aag/…`,
/// where aag is the user's short name) was an error too, which blocked the user's commits; a warning.
final class DevelopmentUserPathTests: XCTestCase {
    func findings(_ path: String) throws -> [Diagnostic] {
        let yaml = "bundle: {name: thesis}\ntargets:\n  dev:\n    mode: development\n    default: true\n    workspace:\n      artifact_path: \(path)\n"
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": yaml])).load()
        return Validator().validate(bundle, targets: ["dev"]).filter { $0.rule == "development-user-path" }
    }

    func testAWordThatMayBeTheUserIsAWarning() throws {
        let maybe = try findings("/Volumes/main_udev/ai_labs/aag/artifacts")
        XCTAssertEqual(maybe.map(\.severity), [.warning])
        XCTAssertTrue(maybe.first?.detail?.contains("\"aag\"") ?? false, maybe.first?.detail ?? "")
        XCTAssertEqual(try findings("/Workspace/Shared/.bundle/thesis/dev").map(\.severity), [.error])
        XCTAssertEqual(try findings("/Volumes/main/default/${bundle.name}/artifacts").map(\.severity), [.error])
        XCTAssertTrue(try findings("/Volumes/main/ai/${workspace.current_user.short_name}/artifacts").isEmpty)
    }
}
