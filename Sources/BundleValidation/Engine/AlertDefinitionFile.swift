import BundleModel
import Foundation

/// An alert defined by a `.dbalert.json` (`file_path`), which the Databricks CLI reads into the alert
/// before it checks required fields and enums (load_dbalert_files.go): the file as written, where its
/// `file_path` is, and its contents when they can be read.
struct AlertDefinitionFile {
    var alert: (key: String, node: YAMLNode, path: String)
    /// `file_path` as written, and where.
    var file: String
    var location: SourceLocation
    /// The file's bytes; nil when it cannot be read (a missing file is `local-path-exists`'s finding).
    var data: Data?

    /// The file as a JSON object; nil when it is missing, not JSON, or not an object.
    var object: [String: Any]? { data.flatMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] } }

    /// Every alert of the target that names a definition file.
    static func all(in context: ValidationContext) -> [AlertDefinitionFile] {
        context.resources("alerts").compactMap { alert in
            guard let filePath = alert.node["file_path"], let file = filePath.string, !file.isEmpty else { return nil }
            let data = LocalPathExistsRule.localPath(file).flatMap {
                context.bundle.source.readReferencedFile(BundlePath.join(BundlePath.directory(of: filePath.location.file), $0))
            }
            return AlertDefinitionFile(alert: alert, file: file, location: filePath.location, data: data)
        }
    }
}
