import BundleEngine
import BundleModel
import BundleValidation
import Foundation

/// `POST /api/validate`: the working tree's bundle, every target (or the one asked for), as
/// `dabrepo validate --output json` reports it (`bundle`, `diagnostics`, `errors`, …), with `valid`,
/// `summary` and `findings` (each with its file, line and the targets it concerns) for the page.
/// Body: `{"target": "prod", "variables": {"catalog": "main"}}`, both optional.
enum ValidateRoute {
    static func run(root: URL, body: [String: Any], environment: [String: String]) throws(APIError) -> [String: Any] {
        if let unknown = body.keys.sorted().first(where: { !["target", "variables"].contains($0) }) {
            throw APIError.usage("unknown field \(unknown) in the request body; it takes target and variables")
        }
        guard body["target"] == nil || body["target"] is String else { throw APIError.usage("target must be a string, the name of a target") }
        guard body["variables"] == nil || body["variables"] is [String: String] else {
            throw APIError.usage("variables must be an object of strings, name → value")
        }
        let target = body["target"] as? String
        let variables = (body["variables"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let report = BundleValidationOperation.run(in: root, targets: target.map { .one($0) } ?? .all, variables: variables, environment: environment)
        if report.isSetupFailure {
            throw APIError.usage(report.diagnostics.first?.summary ?? "validation could not run")
        }
        var object = JSONBody.object(parsing: JSONReportFormatter().render(report)) as? [String: Any] ?? [:]
        object["valid"] = report.errors == 0
        object["summary"] = report.summaryLine
        object["targets"] = report.targets
        object["findings"] = report.diagnostics.map { d -> [String: Any] in
            var finding = TurnEventPayload.finding(d)
            finding["targets"] = report.targetsToName(d) ?? []
            return finding
        }
        return object
    }
}
