import BundleEngine
import BundleModel
import BundleValidation
import Foundation

/// `POST /api/validate`: the working tree's bundle, every target, each finding with file:line.
enum ValidateRoute {
    static func run(root: URL, environment: [String: String]) -> [String: Any] {
        let report = BundleValidationOperation.run(in: root, targets: .all, environment: environment)
        return [
            "valid": report.errors == 0,
            "errors": report.errors,
            "warnings": report.warnings,
            "summary": report.summaryLine,
            "targets": report.targets,
            "findings": report.diagnostics.map { d -> [String: Any] in
                var finding = TurnEventPayload.finding(d)
                finding["targets"] = report.targetsToName(d) ?? []
                return finding
            },
        ]
    }
}
