import BundleModel

extension Diagnostic {
    /// One line for an error message: where (file:line:column), what, and the rule, as
    /// "resources/etl.job.yml:12:7: num_workers must be an integer (schema-type)".
    public var locatedLine: String {
        (location.map { "\($0.file):\($0.line):\($0.column): " } ?? "") + "\(summary) (\(rule))"
    }
}
