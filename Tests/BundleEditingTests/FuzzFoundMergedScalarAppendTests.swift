import BundleEditing
import BundleModel
import XCTest

/// Appending to a merged value that is no list (`privileges[0]`, the scalar EXECUTE that `<<: *grants` brings,
/// as mlops-stacks writes its models): FuzzYAMLEdit found it written into the anchor as `- null`, which changed
/// the anchor's other users (and lost EXECUTE). Refused as not a list; nothing changes.
final class FuzzFoundMergedScalarAppendTests: XCTestCase {
    static let text = """
        grants: &grants
          grants:
            - privileges:
                - EXECUTE
              principal: account users
        resources:
          registered_models:
            model:
              name: m
              <<: *grants

        """

    func testAppendingToAMergedScalarIsRefused() {
        var editor = YAMLEditor(text: Self.text)
        let path: EditPath = [.key("resources"), .key("registered_models"), .key("model"), .key("grants"), .index(0), .key("privileges"), .index(0)]
        XCTAssertThrowsError(try editor.append(.string("x"), to: path)) { error in
            XCTAssertTrue("\(error)".contains("is not a list"), "\(error)")
        }
        XCTAssertEqual(editor.text, Self.text)
    }

    /// A merged list still takes the item, in a list of the mapping's own.
    func testAppendingToAMergedListStillWorks() throws {
        var editor = YAMLEditor(text: Self.text)
        try editor.append(.mapping([("principal", .string("analysts")), ("privileges", .sequence([.string("EXECUTE")]))]),
                          to: [.key("resources"), .key("registered_models"), .key("model"), .key("grants")])
        let root = YAMLComposer(file: "x").compose(editor.text).root
        XCTAssertEqual(root?["resources"]?["registered_models"]?["model"]?["grants"]?.sequence?.count, 2, editor.text)
        XCTAssertEqual(root?["grants"]?["grants"]?.sequence?.count, 1, "the anchor is as it was: \(editor.text)")
    }
}
