@testable import BundleAgent
import BundleModel
import XCTest

/// A schema named by its key (knowledge_base/pipeline_with_schema): privileges go to the principal
/// named, never to the schema's own key; a comment asked for without its text is a question.
final class SchemaRequestTests: XCTestCase {
    static let files = ["databricks.yml": """
        bundle: {name: schemas}
        resources:
          schemas:
            example_schema:
              catalog_name: main
              name: example_schema
              comment: Example tables
        targets:
          dev: {default: true}
        """]

    func testPrivilegesOnASchemaNamedByItsKey() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("let data-engineers write to example_schema", to: Self.files, intent: GrantIntent.id)
        let root = YAMLNode(.mapping(bundle.effectiveConfiguration(target: "dev").configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "resources.schemas.example_schema.grants", in: root),
                       "[{principal:data-engineers,privileges:[USE_SCHEMA,SELECT,MODIFY]}]", plan.summary)
    }

    func testACommentWithoutItsTextIsAsked() throws {
        let (outcome, _) = try InMemoryPlanning.outcome("add a comment to the schema", on: Self.files)
        guard case .clarify(let question, let choices) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(question, "What should it say? Put the text in quotes.")
        XCTAssertEqual(choices, ["set the comment to 'Curated sales tables'"])
        let (_, bundle) = try InMemoryPlanning.apply("add the comment 'Tables of the example' to the schema", to: Self.files, intent: JobNameIntent.id)
        XCTAssertEqual(bundle.effectiveConfiguration(target: "dev").configuration["resources"]?["schemas"]?["example_schema"]?["comment"]?.string, "Tables of the example")
    }
}
