/// A resource of the bundle by its type (the key under `resources:`) and its key: `jobs.sales_sync`.
public struct ResourceReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var type: String
    public var key: String

    public init(type: String, key: String) {
        self.type = type
        self.key = key
    }

    /// `jobs.sales_sync`; a bare key has no type (nil type is looked up among every type).
    public init?(parsing text: String) {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else { return nil }
        self.init(type: String(text[..<dot]), key: String(text[text.index(after: dot)...]))
    }

    public var description: String { "\(type).\(key)" }

    /// "job sales_sync", "pipeline clickstream": how a sentence names it.
    public var spoken: String { "\(ResourceVocabulary.singular(type)) \(key)" }

    public static func < (a: Self, b: Self) -> Bool { (a.type, a.key) < (b.type, b.key) }
}

/// The words people use for the bundle's resource types, and the words too common to name anything.
enum ResourceVocabulary {
    /// Type → the nouns that name it in a request.
    static let nouns: [String: [String]] = [
        "jobs": ["job", "jobs", "workflow", "workflows"],
        "pipelines": ["pipeline", "pipelines", "dlt", "lakeflow"],
        "clusters": ["all-purpose", "interactive"],
        "schemas": ["schema", "schemas"],
        "volumes": ["volume", "volumes"],
        "experiments": ["experiment", "experiments"],
        "models": ["model", "models"],
        "registered_models": ["model", "models"],
        "model_serving_endpoints": ["endpoint", "endpoints", "serving"],
        "apps": ["app", "apps", "application"],
        "dashboards": ["dashboard", "dashboards"],
        "quality_monitors": ["monitor", "monitors"],
        "sql_warehouses": ["warehouse", "warehouses"],
        "secret_scopes": ["scope", "scopes"],
        "database_instances": ["database", "instance", "lakebase", "db"],
        "database_catalogs": ["catalog"],
        "synced_database_tables": ["table", "synced"],
        "alerts": ["alert", "alerts"],
    ]

    /// "a" or "an" before a kind's name ("an app", "an experiment", "a job").
    static func article(_ kind: String) -> String {
        kind.first.map { "aeio".contains($0) } == true ? "an" : "a"
    }

    static func singular(_ type: String) -> String {
        switch type {
        case "jobs": return "job"
        case "pipelines": return "pipeline"
        case "clusters": return "cluster"
        case "model_serving_endpoints": return "serving endpoint"
        case "registered_models": return "registered model"
        case "quality_monitors": return "quality monitor"
        case "sql_warehouses": return "SQL warehouse"
        case "secret_scopes": return "secret scope"
        default: return type.hasSuffix("s") ? String(type.dropLast()).replacingOccurrences(of: "_", with: " ") : type
        }
    }

    /// Words that say what to do or to which kind of thing, never which one: they never pick a resource
    /// on their own (a resource whose name is made of them is still found by its whole name).
    static let common: Set<String> = [
        // grammar
        "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "but", "it", "its", "is", "are", "be",
        "this", "that", "these", "those", "my", "our", "your", "me", "us", "we", "i", "you", "all", "any", "every", "each", "either", "both", "other", "only",
        "from", "into", "onto", "as", "so", "too", "also", "same", "please", "than", "then", "when", "whenever", "after", "before",
        "up", "down", "out", "off", "no", "not", "never", "don't", "dont", "do", "does", "should", "can", "could", "would", "will",
        "let", "lets", "make", "set", "get", "give", "use", "run", "runs", "running", "ran", "new", "old", "one", "two", "s",
        // the kinds of things and their parts
        "job", "jobs", "workflow", "workflows", "pipeline", "pipelines", "task", "tasks", "step", "steps", "cluster", "clusters",
        "compute", "environment", "environments", "env", "parameter", "parameters", "param", "params", "target", "targets",
        "bundle", "resource", "resources", "schema", "volume", "model", "endpoint", "app", "dashboard", "warehouse", "table",
        "tables", "catalog", "library", "libraries", "package", "dependency", "dependencies", "notebook", "notebooks", "file", "files",
        "default", "main", "data", "daily", "hourly", "weekly", "nightly", "dev", "prod", "staging", "test", "qa",
        "worker", "workers", "node", "nodes", "driver", "schedule", "trigger", "tags", "tag", "email", "notifications",
        "smaller", "larger", "bigger", "more", "less", "fewer", "add", "remove", "delete", "enable", "disable", "turn", "on",
        // "don't deploy the use case jobs to prod" is no word of governance_agent_deploy's name
        "deploy", "deploys", "deployed", "deploying",
        // who gets access ("the group app-users", "the data team")
        "group", "groups", "team", "principal",
        // what kind of pipeline or compute ("the DLT pipeline", "the serverless pipeline", "the streaming pipeline")
        "dlt", "lakeflow", "declarative", "delta", "live", "sdp", "serverless", "classic", "photon", "streaming", "continuous",
        "triggered", "preview", "current", "channel",
        // a Lakebase instance ("the lakebase instance", "scale lakebase to CU_4")
        "database", "lakebase", "postgres", "instance", "capacity", "scale", "db",
    ]
}
