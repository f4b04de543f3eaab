@testable import BundleValidation
import Dispatch
import Synchronization
import XCTest

/// The notation of dabrepo's schema model (BundleSchema's definition files), read byte by byte: every
/// construct it has, and the errors (with their line) when a definition is wrong.
final class SchemaNotationTests: XCTestCase {
    func testEveryConstructOfTheNotation() throws {
        let schema = try BundleSchema(parsing: ["""
        # a comment line
        object Root
          bundle!: Bundle   # The bundle's settings.
          tags: {string}
          hosts: [ [string] ]
          mode:	enum development  production
          old: int deprecated  # Replaced by new.
          ...Common
        object Common
          extra: any   #
        """, """
        object Bundle
          name!: string
          size: number
          flag: bool
        """])
        let root = try XCTUnwrap(schema["Root"])
        XCTAssertEqual(root.fields.map(\.name), ["extra", "bundle", "tags", "hosts", "mode", "old"])
        XCTAssertEqual(root.fieldsByName["bundle"]?.type, .object("Bundle"))
        XCTAssertEqual(root.fieldsByName["bundle"]?.required, true)
        XCTAssertEqual(root.fieldsByName["bundle"]?.description, "The bundle's settings.")
        XCTAssertEqual(root.fieldsByName["tags"]?.type, .map(.string))
        XCTAssertEqual(root.fieldsByName["hosts"]?.type, .array(.array(.string)))
        XCTAssertEqual(root.fieldsByName["mode"]?.type, .enumeration(["development", "production"]))
        XCTAssertEqual(root.fieldsByName["old"]?.type, .integer)
        XCTAssertEqual(root.fieldsByName["old"]?.deprecated, true)
        XCTAssertEqual(root.fieldsByName["old"]?.description, "Replaced by new.")
        XCTAssertEqual(root.fieldsByName["extra"]?.type, .any)
        XCTAssertNil(root.fieldsByName["extra"]?.description)
        XCTAssertEqual(schema["Bundle"]?.fields.map(\.type), [.string, .number, .boolean])
        XCTAssertEqual(schema["Bundle"]?.required.map(\.name), ["name"])
    }

    func testErrorsNameTheLine() {
        func error(_ text: String) -> String {
            do {
                _ = try BundleSchema(parsing: [text])
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(error("  name: string\nobject Root\n"), "schema line 1: field outside an object")
        XCTAssertEqual(error("object Root\n  name string\n"), "schema line 2: expected `name: type`")
        XCTAssertEqual(error("object Root\n  a: string\n  b: strnig\n"), "schema line 3: unknown type `strnig`")
        XCTAssertEqual(error("object Root\n  a: enum \n"), "schema line 2: unknown type `enum`")
        XCTAssertEqual(error("object Root\n  a: int\nobject Root\n\n  b: int\n"), "schema line 5: object Root defined twice")
        XCTAssertEqual(error("object Root\n  a: Missing\n"), "schema line 0: Root.a refers to undefined object Missing")
        XCTAssertTrue(error("object Root\n  ...A\nobject A\n  ...Root\n").hasPrefix("schema line 0: include cycle at "))
        XCTAssertEqual(error("object Other\n  a: int\n"), "schema line 0: no object Root")
        XCTAssertEqual(error("object Root\n  a: lower\n"), "schema line 2: unknown type `lower`")
    }

    /// The built-in model parses whole with every check (`init(parsing:)`), and the shared model, whose
    /// objects are parsed when first looked up (from several threads at once, as rules run), gives the
    /// same objects, with included fields, as that whole parse.
    func testTheBuiltInModelParsesAndLooksUpAsItParsesWhole() throws {
        let whole = try BundleSchema(parsing: SchemaDefinitions.all).objects
        XCTAssertGreaterThan(whole.count, 150)
        let names = whole.keys.sorted()
        @Sendable func summary(_ object: ObjectSchema?) -> [String] {
            (object?.fields ?? []).map { "\($0.name) \($0.type) \($0.required) \($0.deprecated) \($0.description ?? "-")" }
        }
        let lookedUp = Mutex<[String: [String]]>([:])
        DispatchQueue.concurrentPerform(iterations: 4) { round in
            for name in round % 2 == 0 ? names : names.reversed() {
                let fields = summary(BundleSchema.shared[name])
                lookedUp.withLock { $0[name] = fields }
            }
        }
        for name in names {
            XCTAssertEqual(lookedUp.withLock { $0[name] }, summary(whole[name]), name)
            XCTAssertEqual(whole[name]?.fields.count, whole[name]?.fieldsByName.count, "\(name): a field name twice")
        }
        XCTAssertNil(BundleSchema.shared["NoSuchObject"])
        XCTAssertEqual(BundleSchema.shared.resourceType("jobs"), .object("Job"))
        XCTAssertEqual(BundleSchema.shared.objects.count, whole.count)
    }
}
