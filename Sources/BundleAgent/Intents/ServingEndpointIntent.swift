import BundleEditing
import BundleModel
import Foundation

/// "enable scale to zero on the chat endpoint", "set the workload size to Medium", "serve version 4 of
/// the model", "use GPU_SMALL for the endpoint": what a model serving endpoint serves and on what, in
/// each of its `config.served_entities` (or the older `served_models`), or the one whose entity the
/// words name.
public enum ServingEndpointIntent: Intent {
    public static let id = "serving-endpoint"
    public static let summary = "model serving endpoints: scale to zero, workload size and type, model version"
    public static let examples = ["enable scale to zero on the endpoint", "set the workload size of the endpoint to Medium", "serve version 4 of the model"]

    static let workloadSizes = ["Small", "Medium", "Large"]
    static let workloadTypes = ["CPU", "GPU_SMALL", "GPU_MEDIUM", "GPU_LARGE", "MULTIGPU_MEDIUM"]

    public static func score(_ text: RequestText) -> Int {
        let endpoint = text.hasAny(["endpoint", "endpoints", "serving", "served", "serve", "model"])
        let distinct = scalesToZero(text)
            || text.hasAny(["scale_to_zero_enabled", "workload", "workload_size", "workload_type"] + workloadTypes.filter { $0 != "CPU" }.map { $0.lowercased() })
        // "make the chat endpoint Medium", "make the endpoints bigger": its workload size.
        let sized = text.hasAny(["endpoint", "endpoints"]) && text.hasAny(["small", "medium", "large", "bigger", "larger", "smaller"])
        let setting = distinct || sized || text.hasAny(["gpu", "cpu"])
            || (text.hasAny(["version", "entity_version", "model_version"]) && text.hasAny(["serve", "serves", "served", "endpoint", "model"]))
        // "let the app query the serving endpoint": the app's resources; "add … to the cpu environment": a library.
        if AppResourceIntent.score(text) > 0 || PermissionIntent.score(text) > 0 && !setting { return 0 }
        if text.hasAny(["environment", "dependency", "dependencies", "library", "libraries", "package"]) { return 0 }
        // "set the workload size to Medium": only an endpoint has one.
        return endpoint && setting || distinct ? 6 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let endpoint = try context.resource(["model_serving_endpoints"])
        let target = try context.target()
        let location = context.location(of: endpoint, target: nil)
        let config = context.rawNode(file: location.file, path: location.base + [.key("config")])
        let list = config?["served_entities"] != nil ? "served_entities" : "served_models"
        let entities = config?[list]?.sequence ?? []
        guard !entities.isEmpty else {
            throw PlanningStop(outcome: .refused("serving endpoint \(endpoint.key) serves nothing written in its config (\(list))"))
        }
        // The entity the words name ("… of main.models.chat"), else each of them.
        let nameField = list == "served_entities" ? "entity_name" : "model_name"
        let named = entities.indices.filter { i in
            guard let name = entities[i][nameField]?.string?.lowercased() else { return false }
            return text.original.lowercased().contains(name) || text.words.contains(String(name.split(separator: ".").last ?? ""))
        }
        let chosen = named.isEmpty ? Array(entities.indices) : named
        var fields: [(String, EditValue, String)] = []
        if scalesToZero(text) {
            let off = text.hasAny(["disable", "off", "no", "not", "never", "without", "stop"]) || text.contains("n't")
            fields.append(("scale_to_zero_enabled", .bool(!off), "\(!off)"))
        }
        // "use GPU small": the workload type GPU_SMALL; its size word is no workload size (it became Small too).
        let gpuSaid = text.lowered.range(of: #"(multi[ _-]?)?gpu[ _-]?(small|medium|large)"#, options: .regularExpression).map { String(text.lowered[$0]) }
        let gpuType = gpuSaid.map { said in
            (said.hasPrefix("multi") ? "MULTIGPU_" : "GPU_") + (said.split(whereSeparator: { " _-".contains($0) }).last.map { $0.uppercased() } ?? "SMALL")
        }
        let sized = gpuSaid.map { RequestText(text.lowered.replacingOccurrences(of: $0, with: " ")) } ?? text
        if let size = workloadSizes.first(where: { sized.has($0.lowercased()) }) {
            fields.append(("workload_size", .string(size), size))
        } else if text.hasAny(["bigger", "larger", "smaller"]) {
            // One step of Small, Medium, Large from what the (first) entity has.
            let current = entities[chosen[0]]["workload_size"]?.string ?? "Small"
            let i = workloadSizes.firstIndex(of: current) ?? 0
            let j = text.has("smaller") ? i - 1 : i + 1
            guard workloadSizes.indices.contains(j) else {
                throw PlanningStop(outcome: .refused("serving endpoint \(endpoint.key) already has the \(j < 0 ? "smallest" : "largest") workload size, \(current)"))
            }
            fields.append(("workload_size", .string(workloadSizes[j]), workloadSizes[j]))
        }
        if let type = gpuType.flatMap({ workloadTypes.contains($0) ? $0 : nil }) ?? workloadTypes.first(where: { text.has($0.lowercased()) }) ?? (text.has("gpu") ? "GPU_SMALL" : nil) {
            fields.append(("workload_type", .string(type), type))
        }
        if text.hasAny(["version", "entity_version", "model_version"]) {
            // "route 20% of traffic to version 4", "split traffic 80/20": a second served entity and
            // traffic routes, which this change is not (the one entity's version became 4: all the traffic).
            // ("… and send all traffic to it", "100% of the traffic": one version serving all of it, no split.)
            let allTraffic = text.original.range(of: #"(?i)\b(all|100\s*%|every\s+request|the\s+whole)\b[^.]{0,20}\b(traffic|requests)\b"#, options: .regularExpression) != nil
                && !text.hasAny(["split", "canary", "between", "versus", "vs"])
            if !allTraffic, text.original.contains("%") || text.hasAny(["traffic", "split", "canary", "percent", "percentage", "routes", "route", "against", "versus", "vs", "quarter", "half", "requests"])
                || text.lowered.contains("a/b") || text.lowered.contains("50/50") || text.lowered.range(of: #"\d+/\d+"#, options: .regularExpression) != nil {
                throw PlanningStop(outcome: .refused("splitting serving endpoint \(endpoint.key)'s traffic between versions (a second served entity and traffic_config.routes) is not a change the offline planner makes; write both served entities and their routes, or \"serve version N of the model\" to move all traffic"))
            }
            guard let version = versionNumber(text) else {
                throw PlanningStop(outcome: .clarify(question: "Which version of the model should endpoint \(endpoint.key) serve?", choices: ["serve version 4 of the model"]))
            }
            fields.append((list == "served_entities" ? "entity_version" : "model_version", .string(String(version)), String(version)))
        }
        guard !fields.isEmpty else {
            // "set the workload size to Gigantic": no size there is (the question offered changes already made).
            if text.hasAny(["size", "workload_size", "workload", "type", "workload_type"]),
               let said = text.original.range(of: #"(?i)\b(to|=)\s+(\S+)\s*$"#, options: .regularExpression).map({ String(text.original[$0]).split(separator: " ").last.map(String.init) ?? "" }) {
                throw PlanningStop(outcome: .refused("\(said.trimmingCharacters(in: CharacterSet(charactersIn: "\"'.,"))) is no workload size or type of a serving endpoint: the sizes are \(workloadSizes.joined(separator: ", ")) (4, 16 and 64 concurrent requests), the types \(workloadTypes.joined(separator: ", "))"))
            }
            throw PlanningStop(outcome: .clarify(question: "What should change on serving endpoint \(endpoint.key)?", choices: examples))
        }
        // Settings written as a whole `${var.model_version}`: the variable's value changes, the target's own for a
        // target ("serve version 3 of the model in prod" was refused both with and without the target).
        let backed = chosen.flatMap { i in fields.map { (i, $0) } }.filter { entities[$0.0][$0.1.0]?.string?.contains("${var.") == true }
        if !backed.isEmpty {
            var edits: [(file: String, operations: [EditOperation])] = []
            var summaries: [String] = []
            for (i, (field, _, shown)) in backed {
                let reference = entities[i][field]?.string ?? ""
                guard let variable = VariableValueIntent.variable(written: reference, declaredIn: context),
                      backed.count == chosen.count * fields.count else {
                    throw PlanningStop(outcome: .refused("\(field) of serving endpoint \(endpoint.key) is \(reference); change the variable instead (\"set … to …\"), which every place that uses it follows"))
                }
                guard let assignment = try VariableValueIntent.assignment(context, variable: variable, value: shown, target: target, defaultAsked: target == nil) else { continue }
                if let k = edits.firstIndex(where: { $0.file == assignment.file }) { edits[k].operations += assignment.operations } else { edits.append((assignment.file, assignment.operations)) }
                summaries.append(assignment.summary + " (\(field) of serving endpoint \(endpoint.key) is \(reference))")
            }
            guard !edits.isEmpty else {
                throw PlanningStop(outcome: .refused("serving endpoint \(endpoint.key) already serves as asked (\(fields.map { "\($0.0): \($0.2)" }.joined(separator: ", ")))\(context.forTarget(target))"))
            }
            return Plan(subject: "Change what serving endpoint \(endpoint.key) serves\(target.map { " in \($0)" } ?? "")",
                        summary: summaries.joined(separator: " "), target: target, resource: endpoint, edits: edits)
        }
        guard target == nil else {
            throw PlanningStop(outcome: .refused("a target override of served_entities adds entries instead of changing them; ask without a target"))
        }
        var operations: [EditOperation] = []
        var said: [String] = []
        var routeChanges: [(EditOperation, String)] = []
        for i in chosen {
            for (field, _, shown) in fields {
                // A version that names the route's served model is not changed under it: the route written as the entity's
                // default name (`<entity>-<version>`) follows it (it was refused, and the refusal advised what the other
                // refusal refused).
                if field.hasSuffix("version"), entities[i]["name"] == nil, config?["traffic_config"] != nil {
                    let entity = entities[i][list == "served_entities" ? "entity_name" : "model_name"]?.string ?? ""
                    let old = entities[i][field]?.scalar?.text ?? ""
                    let routes = config?["traffic_config"]?["routes"]?.sequence ?? []
                    guard !entity.isEmpty, let r = routes.firstIndex(where: { $0["served_model_name"]?.string == "\(entity)-\(old)" || $0["served_entity_name"]?.string == "\(entity)-\(old)" }) else {
                        throw PlanningStop(outcome: .refused("the traffic_config of serving endpoint \(endpoint.key) routes to its served model by a name made of the model and its version; give the served entity a name (its `name` field) before changing the version"))
                    }
                    let key = routes[r]["served_model_name"] != nil ? "served_model_name" : "served_entity_name"
                    if old != shown {
                        routeChanges.append((.set(location.base + [.key("config"), .key("traffic_config"), .key("routes"), .index(r), .key(key)], .string("\(entity)-\(shown)")),
                                             "the route's \(key) to \(entity)-\(shown) (the served model's name with the new version, so all traffic goes to it)"))
                    }
                }
            }
            for (field, value, shown) in fields where entities[i][field]?.scalar?.text != shown {
                operations.append(.set(location.base + [.key("config"), .key(list), .index(i), .key(field)], value))
                said.append("\(field) to \(shown) (was \(entities[i][field]?.scalar?.text ?? "unset"))" + (chosen.count > 1 ? " on \(entities[i][nameField]?.string ?? "entry \(i)")" : ""))
            }
        }
        operations += routeChanges.map(\.0)
        said += routeChanges.map(\.1)
        guard !operations.isEmpty else {
            throw PlanningStop(outcome: .refused("serving endpoint \(endpoint.key) already serves as asked (\(fields.map { "\($0.0): \($0.2)" }.joined(separator: ", ")))"))
        }
        return Plan(subject: "Change what serving endpoint \(endpoint.key) serves",
                    summary: "Set \(said.joined(separator: ", ")) in serving endpoint \(endpoint.key).",
                    resource: endpoint, edits: [(location.file, operations)])
    }

    /// "enable scale to zero", "scale the chat endpoint to zero", "scale_to_zero_enabled".
    static func scalesToZero(_ text: RequestText) -> Bool {
        text.contains("scale to zero") || text.contains("scale-to-zero") || text.has("scale_to_zero_enabled")
            || (text.hasAny(["scale", "scales", "scaling"]) && text.has("zero"))
    }

    /// "version 4", "v4".
    static func versionNumber(_ text: RequestText) -> Int? {
        for (i, word) in text.words.enumerated() {
            if word == "version" || word == "entity_version" || word == "model_version", i + 1 < text.words.count, let n = Int(text.words[i + 1]) { return n }
            if word.hasPrefix("v"), let n = Int(word.dropFirst()) { return n }
        }
        return text.numbers.first
    }
}
