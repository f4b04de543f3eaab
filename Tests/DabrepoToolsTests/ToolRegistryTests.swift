import DabrepoTools
import XCTest

final class ToolRegistryTests: XCTestCase {
    func testNamesAreUniqueAndSchemasAreWellFormed() {
        let names = ToolRegistry.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        for tool in ToolRegistry.all {
            let schema = tool.inputSchema
            let properties = schema["properties"] as? [String: Any] ?? [:]
            XCTAssertEqual(schema["type"] as? String, "object", tool.name)
            XCTAssertEqual(schema["additionalProperties"] as? Bool, false, tool.name)
            for required in schema["required"] as? [String] ?? [] { XCTAssertNotNil(properties[required], "\(tool.name).\(required)") }
            for (name, property) in properties {
                let property = property as? [String: Any] ?? [:]
                XCTAssertNotNil(property["type"], "\(tool.name).\(name)")
                XCTAssertFalse((property["description"] as? String ?? "").isEmpty, "\(tool.name).\(name) needs a description")
            }
            XCTAssertGreaterThan(tool.description.count, 40, "\(tool.name) should say what it does")
            XCTAssertEqual(properties["profile"] != nil, tool.usesWorkspace, tool.name)
            XCTAssertEqual(properties["repo"] != nil, tool.worksInRepository, tool.name)
        }
    }

    func invocation(_ name: String, _ values: [String: Any]) throws -> ToolInvocation {
        let tool = try XCTUnwrap(ToolRegistry.tool(named: name))
        return try tool.invocation(try ToolArguments(values, for: tool))
    }

    func testArgumentsBecomeTheCommandsOwn() throws {
        XCTAssertEqual(try invocation("get_job", ["job_id": 42]).arguments, ["jobs", "get", "--", "42"])
        XCTAssertEqual(try invocation("run_job", ["job_id": 42, "wait": true, "parameters": ["b": "2", "a": "1"]]).arguments,
                       ["jobs", "run", "-o", "json", "--wait", "--param", "a=1", "--param", "b=2", "--", "42"])
        // A query that looks like an option stays the query.
        XCTAssertEqual(try invocation("execute_dbsql", ["query": "-- a comment\nSELECT 1", "warehouse_id": "w1"]).arguments,
                       ["sql", "-o", "json", "--warehouse", "w1", "--", "-- a comment\nSELECT 1"])
        XCTAssertEqual(try invocation("validate_bundle", [:]).arguments, ["validate", "--output", "json"])
        XCTAssertEqual(try invocation("validate_bundle", [:]).answers, [0, 1], "findings are a result")
        XCTAssertEqual(try invocation("refine_bundle", ["request": "--help"]).arguments.suffix(2), ["--", "--help"])
        XCTAssertEqual(try invocation("diff_revisions", ["from": "HEAD~2", "to": "HEAD", "target": "dev"]).arguments,
                       ["diff", "-o", "json", "--target", "dev", "--", "HEAD~2", "HEAD"])
        let fromJSON = try invocation("generate_bundle_from_job", ["job_json": ["settings": ["name": "x"]]])
        XCTAssertEqual(fromJSON.arguments, ["generate", "job", "--from-json", "-", "-o", "json"])
        XCTAssertEqual(String(decoding: fromJSON.standardInput ?? Data(), as: UTF8.self), "{\"settings\":{\"name\":\"x\"}}")
        XCTAssertThrowsError(try invocation("generate_bundle_from_job", ["job_id": 1, "job_json": [:] as [String: Any]]))
        XCTAssertThrowsError(try invocation("generate_bundle", [:]))
        XCTAssertThrowsError(try invocation("run_bundle_command", ["args": [String]()]))
    }

    func testArgumentsAreCheckedAgainstTheSchema() throws {
        let tool = try XCTUnwrap(ToolRegistry.tool(named: "list_jobs"))
        func problem(_ values: [String: Any]) -> String? {
            do { _ = try ToolArguments(values, for: tool); return nil } catch { return error.message }
        }
        XCTAssertNil(problem([:]))
        XCTAssertNil(problem(["limit": 5.0, "name": "nightly"]), "5.0 is an integer")
        XCTAssertEqual(problem(["limit": "5"]), "bad arguments for list_jobs: limit must be an integer")
        XCTAssertEqual(problem(["limit": true]), "bad arguments for list_jobs: limit must be an integer")
        XCTAssertEqual(problem(["limit": 0]), "bad arguments for list_jobs: limit must be at least 1")
        XCTAssertEqual(problem(["limit": 2.5]), "bad arguments for list_jobs: limit must be an integer")
        XCTAssertEqual(problem(["nmae": "x"]), "bad arguments for list_jobs: unknown argument nmae (list_jobs takes name, limit, profile)")
        XCTAssertNil(problem(["name": NSNull()]), "null is the same as leaving it out")
        let export = try XCTUnwrap(ToolRegistry.tool(named: "export_notebook"))
        XCTAssertThrowsError(try ToolArguments(["path": "/x", "format": "html"], for: export)) { error in
            XCTAssertEqual((error as? ToolCallError)?.message, "bad arguments for export_notebook: format must be one of source, jupyter, not \"html\"")
        }
        XCTAssertThrowsError(try ToolArguments([:], for: export)) { error in
            XCTAssertTrue((error as? ToolCallError)?.message.contains("path is required") ?? false)
        }
    }

    func testJSONArgumentsKeepBooleansAndNumbersApart() throws {
        let values = try JSONValue.arguments("{\"wait\": true, \"job_id\": 1, \"parameters\": {\"a\": \"1\"}}")
        XCTAssertTrue(values["wait"] is Bool)
        XCTAssertTrue(values["job_id"] is Int)
        XCTAssertNotNil(try ToolArguments(values, for: XCTUnwrap(ToolRegistry.tool(named: "run_job"))))
        XCTAssertThrowsError(try JSONValue.arguments("[1]"))
        XCTAssertThrowsError(try JSONValue.arguments("{"))
        XCTAssertEqual(try JSONValue.arguments("  ").count, 0)
    }

    func testUnknownToolsSuggestTheClosestName() {
        XCTAssertTrue(ToolRegistry.unknown("get_jobs").message.contains("did you mean get_job?"), ToolRegistry.unknown("get_jobs").message)
    }
}
