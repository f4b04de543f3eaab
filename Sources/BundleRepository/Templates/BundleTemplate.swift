/// A bundle template from `Templates/<name>/`; `{{bundle_name}}` in paths and contents is replaced.
public struct BundleTemplate: Sendable {
    public static let placeholder = "{{bundle_name}}"

    public var name: String
    public var summary: String
    public var files: [String: String]

    /// The files with the bundle name filled in.
    public func render(bundleName: String) -> [String: String] {
        var out: [String: String] = [:]
        for (path, text) in files {
            out[path.replacingOccurrences(of: Self.placeholder, with: bundleName)] = text.replacingOccurrences(of: Self.placeholder, with: bundleName)
        }
        return out
    }

    static let summaries = [
        "default-python": "a job with a job cluster running a notebook; dev and prod targets (the Databricks CLI's default-python shape)",
        "notebook-job": "one notebook task on serverless compute",
        "sql": "a SQL file run on a SQL warehouse named by the warehouse_id variable",
        "pipeline": "a Lakeflow Declarative Pipeline and a job that refreshes it daily",
        "empty": "only databricks.yml with dev and prod targets",
    ]

    /// Every built-in template, `default-python` first.
    public static let all: [BundleTemplate] = EmbeddedResources.templates.keys.sorted { a, b in
        (a == "default-python" ? 0 : 1, a) < (b == "default-python" ? 0 : 1, b)
    }.map { BundleTemplate(name: $0, summary: summaries[$0] ?? "", files: EmbeddedResources.templates[$0]!) }

    public static func named(_ name: String) -> BundleTemplate? {
        all.first { $0.name == name }
    }
}

import Foundation
