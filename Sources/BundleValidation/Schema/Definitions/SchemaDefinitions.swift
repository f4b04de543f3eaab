/// The text of every definition file, in the notation `BundleSchema` parses.
enum SchemaDefinitions {
    static let all = [
        rootSections, resources, jobs, compute, pipelines, unityCatalog, machineLearning, apps, sqlAnalytics,
        databases, vectorSearch, workspaceObjects,
    ]
}
