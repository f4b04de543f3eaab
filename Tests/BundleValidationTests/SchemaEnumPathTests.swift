import BundleValidation
import Foundation
import TestSupport
import XCTest

/// Every enum of dabrepo's schema model is an enum in the upstream bundle schema
/// (../shared/corpus/bundle-schema/jsonschema.json) at that exact configuration path, with no value the
/// upstream schema does not have. A field the upstream schema types as any string must not be an enum
/// here: the `enum-value` rule would flag values the Databricks CLI accepts (issue 13: `type: string` on
/// a variable was reported 17 times in real bundles that deploy).
///
/// Unlike `SchemaCoverageTests`, which compares each object type once, this walks every path an object
/// type is reachable at (`resources.jobs.*.tasks[*]`, `…for_each_task.task`, `targets.*.resources…`).
final class SchemaEnumPathTests: XCTestCase {
    func testEveryModelEnumIsAnUpstreamEnumAtTheSamePath() throws {
        let (shared, message) = TestPaths.sharedOrSkipMessage()
        guard let shared else { throw XCTSkip(message) }
        let data = try Data(contentsOf: shared.appendingPathComponent("corpus/bundle-schema/jsonschema.json"))
        var walk = EnumPathWalk(model: BundleSchema.shared, upstream: try UpstreamSchema(data: data))
        walk.walk(.object(BundleSchema.rootName), upstream: walk.upstream.root, path: "", ancestry: [])

        XCTAssertTrue(walk.findings.isEmpty, "enums that differ from the upstream schema:\n" + walk.findings.joined(separator: "\n"))
        // The walk reached enums at top level, inside resources, inside nested tasks and inside targets.
        for path in ["bundle.engine", "resources.jobs.*.tasks[*].run_if", "resources.jobs.*.tasks[*].for_each_task.task.run_if",
                     "targets.*.resources.jobs.*.schedule.pause_status", "resources.pipelines.*.permissions[*].level"] {
            XCTAssertTrue(walk.enumPaths.contains(path), "the walk did not reach \(path)")
        }
        XCTAssertGreaterThan(walk.enumPaths.count, 300, "the walk compared too few enums")
        // Free strings upstream are free strings in the model (they were enums before issue 13), except
        // the ones the CLI's validate:enum checks anyway (bundle/internal/validation/generated/enum_fields.go).
        for path in ["presets.trigger_pause_status"] {
            XCTAssertFalse(walk.enumPaths.contains(path), "\(path) is a free string upstream but an enum in the model")
        }
        for path in EnumPathWalk.cliOnlyEnums.keys {
            XCTAssertTrue(walk.enumPaths.contains(path), "\(path) is an enum in the CLI's enum_fields.go")
        }
    }

    func testTheWalkReportsAModelEnumThatIsAFreeStringUpstream() throws {
        // The comparison itself can fail: a model that makes `variables.*.description` an enum is caught.
        let (shared, message) = TestPaths.sharedOrSkipMessage()
        guard let shared else { throw XCTSkip(message) }
        let data = try Data(contentsOf: shared.appendingPathComponent("corpus/bundle-schema/jsonschema.json"))
        let model = try BundleSchema(parsing: ["""
        object Root
          bundle!: Bundle
          variables: {Variable}
        object Bundle
          name!: string
          engine: enum terraform direct sideways
        object Variable
          default: any
          description: enum short long
        """])
        var walk = EnumPathWalk(model: model, upstream: try UpstreamSchema(data: data))
        walk.walk(.object(BundleSchema.rootName), upstream: walk.upstream.root, path: "", ancestry: [])
        XCTAssertTrue(walk.findings.contains { $0.hasPrefix("variables.*.description: upstream is not an enum") }, "\(walk.findings)")
        XCTAssertTrue(walk.findings.contains { $0.hasPrefix("bundle.engine: model has sideways") }, "\(walk.findings)")
    }
}

/// Walks dabrepo's schema model and the upstream JSON schema side by side, path by path.
struct EnumPathWalk {
    let model: BundleSchema
    let upstream: UpstreamSchema
    var findings: [String] = []
    var enumPaths = Set<String>()

    init(model: BundleSchema, upstream: UpstreamSchema) {
        self.model = model
        self.upstream = upstream
    }

    /// Free strings in the upstream JSON schema that the Databricks CLI still checks as enums, with a
    /// warning (bundle/config/validate/enum.go over bundle/internal/validation/generated/enum_fields.go):
    /// the model has exactly these values.
    static let cliOnlyEnums: [String: [String]] = [
        "variables.*.type": ["complex"],
        "artifacts.*.type": ["whl", "jar"],
        "artifacts.*.executable": ["bash", "sh", "cmd"],
        "targets.*.artifacts.*.type": ["whl", "jar"],
        "targets.*.artifacts.*.executable": ["bash", "sh", "cmd"],
        "environments.*.artifacts.*.type": ["whl", "jar"],
        "environments.*.artifacts.*.executable": ["bash", "sh", "cmd"],
    ].merging(["resources", "targets.*.resources", "environments.*.resources"].flatMap { prefix in
        // Not in the schema's job; in the CLI's enum_fields.go (a job copied from the Jobs API writes them).
        [("\(prefix).jobs.*.format", ["MULTI_TASK", "SINGLE_TASK"]), ("\(prefix).jobs.*.edit_mode", ["EDITABLE", "UI_LOCKED"])]
    }) { $1 }.merging(["resources", "targets.*.resources", "environments.*.resources"].map { prefix in
        // Output only in the schema; in the CLI's structs and enum_fields.go (Lakeflow Connect examples write it).
        ("\(prefix).pipelines.*.ingestion_definition.source_type",
         ["BIGQUERY", "CONFLUENCE", "DYNAMICS365", "FOREIGN_CATALOG", "GA4_RAW_DATA", "GOOGLE_DRIVE", "JIRA", "MANAGED_POSTGRESQL", "META_MARKETING", "MYSQL",
          "NETSUITE", "ORACLE", "POSTGRESQL", "SALESFORCE", "SERVICENOW", "SHAREPOINT", "SQLSERVER", "TERADATA", "WORKDAY_RAAS", "ZENDESK"])
    }) { $1 }

    /// Upstream shares one permission-level enum across resources; the model holds each resource's own
    /// (smaller) set, so a missing value is expected there, never an extra one.
    static func mayLackValues(_ path: String) -> Bool {
        path.hasSuffix("permissions[*].level")
    }

    mutating func walk(_ type: SchemaType, upstream node: [String: Any]?, path: String, ancestry: [String]) {
        let shape = node.map(upstream.shape)
        switch type {
        case .enumeration(let mine):
            enumPaths.insert(path)
            if let cli = Self.cliOnlyEnums[path] {
                if Set(cli) != Set(mine) { findings.append("\(path): the CLI's enum_fields.go has \(cli.joined(separator: " ")), the model \(mine.joined(separator: " "))") }
                return
            }
            guard case .enumeration(let theirs)? = shape else {
                findings.append("\(path): upstream is not an enum (\(shape.map(SchemaComparison.describe) ?? "no such field")), the model has one of \(mine.joined(separator: " "))")
                return
            }
            let extra = Set(mine).subtracting(theirs), missing = Set(theirs).subtracting(mine)
            if !extra.isEmpty { findings.append("\(path): model has \(extra.sorted().joined(separator: " ")), not upstream") }
            if !missing.isEmpty && !Self.mayLackValues(path) {
                findings.append("\(path): model lacks \(missing.sorted().joined(separator: " ")) that upstream accepts")
            }
        case .object(let name):
            // A recursive type is walked once inside itself (`for_each_task.task` is a Task inside a Task).
            guard ancestry.filter({ $0 == name }).count < 2, let object = model[name] else { return }
            // An object missing upstream is `SchemaCoverageTests`' finding; its enums are still walked (and reported).
            var properties: [String: Any] = [:]
            if case .object(let upstreamProperties, _)? = shape { properties = upstreamProperties }
            for field in object.fields {
                let child = path.isEmpty ? field.name : "\(path).\(field.name)"
                walk(field.type, upstream: properties[field.name] as? [String: Any], path: child, ancestry: ancestry + [name])
            }
        case .array(let inner):
            if case .array(let items)? = shape {
                walk(inner, upstream: items, path: path + "[*]", ancestry: ancestry)
            } else {
                walk(inner, upstream: nil, path: path + "[*]", ancestry: ancestry)
            }
        case .map(let inner):
            if case .map(let values)? = shape {
                walk(inner, upstream: values, path: path + ".*", ancestry: ancestry)
            } else {
                walk(inner, upstream: nil, path: path + ".*", ancestry: ancestry)
            }
        case .string, .integer, .number, .boolean, .any:
            return
        }
    }
}
