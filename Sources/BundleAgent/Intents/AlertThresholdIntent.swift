import BundleEditing
import BundleModel

/// "set the quarantine alert threshold to 10", "the freshness alert should fire above 100": the value
/// an alert's query result is compared with (`evaluation.threshold.value`).
public enum AlertThresholdIntent: Intent {
    public static let id = "alert-threshold"
    public static let summary = "the threshold an alert compares its query's result with"
    public static let examples = ["set the threshold of the quarantine alert to 10"]

    public static func score(_ text: RequestText) -> Int {
        // "the quarantine alert should fire at 10 or more", "alert when more than 3 columns appear".
        if text.hasAny(["alert", "alerts"]), comparison(text) != nil, text.words.contains(where: { Double($0) != nil }),
           !text.hasAny(["email", "notify", "job", "jobs", "task", "tasks"]),
           // ("alert me if a run takes more than 45 minutes": a run's duration, a job's health rule.)
           text.duration == nil, !text.hasAny(["run", "runs", "takes", "longer"]) { return 6 }
        guard text.hasAny(["threshold", "thresholds"]) else { return 0 }
        return text.hasAny(["alert", "alerts"]) ? 5 : 3
    }

    /// The comparison the words say, as the Alerts API names it; nil when they say none.
    static func comparison(_ text: RequestText) -> String? {
        let said = text.lowered
        if said.contains("or more") || said.contains("at least") || said.contains("or above") || said.contains("or higher") { return "GREATER_THAN_OR_EQUAL" }
        if said.contains("or less") || said.contains("at most") || said.contains("or below") || said.contains("or fewer") { return "LESS_THAN_OR_EQUAL" }
        if said.contains("more than") || said.contains("greater than") || said.contains("above") || said.contains("over ") || said.contains("exceeds") { return "GREATER_THAN" }
        if said.contains("less than") || said.contains("fewer than") || said.contains("below") || said.contains("under ") { return "LESS_THAN" }
        return nil
    }

    /// The new value: the number after "to", "be", "=", "at" or "of" (the last such), or the only
    /// number said; "10 not 5": the first of two.
    static func value(_ text: RequestText) -> Double? {
        let words = text.words
        for (i, word) in words.enumerated().reversed() where ["to", "be", "=", "at", "of", "is", "than", "above", "below", "over", "under", "least", "most", "exceeds"].contains(word) && i + 1 < words.count {
            if let n = Double(words[i + 1]) { return n }
        }
        let numbers = words.compactMap { Double($0) }
        if numbers.count == 2, let not = words.firstIndex(of: "not"), let second = words.lastIndex(where: { Double($0) != nil }), not < second { return numbers[0] }
        return numbers.count == 1 ? numbers[0] : nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let target = try context.target()
        guard !context.catalog.references(ofType: "alerts").isEmpty else {
            throw PlanningStop(outcome: .refused("this bundle defines no alert (resources.alerts) whose threshold could change"))
        }
        let alert = try context.resource(["alerts"])
        let effective = context.effectiveResource(alert, target: target)
        guard let value = value(context.request) else {
            let now = effective?["evaluation"]?["threshold"]?["value"]
            throw PlanningStop(outcome: .clarify(question: "What should the threshold of alert \(alert.key) be\(now.map { _ in "" } ?? "")? Say, for example, \"set the threshold of the \(alert.key) alert to 10\".",
                                                 choices: ["set the threshold of the \(alert.key) alert to 10"]))
        }
        let written = effective?["evaluation"]?["threshold"]?["value"]
        // The kind of value the alert compares: a number unless it compares text or a boolean.
        let kind = written?.mapping?.keys.first { $0.hasSuffix("_value") } ?? "double_value"
        guard kind == "double_value" else {
            throw PlanningStop(outcome: .refused("alert \(alert.key) compares with a \(kind.replacingOccurrences(of: "_value", with: "")) value, not a number; write its evaluation.threshold.value as you want it"))
        }
        let number: EditValue = value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .number(value)
        let shown = value == value.rounded() ? String(Int(value)) : String(value)
        if let current = written?["double_value"]?.string, Double(current) == value,
           comparison(context.request).map({ $0 == effective?["evaluation"]?["comparison_operator"]?.string }) ?? true {
            throw PlanningStop(outcome: .refused("alert \(alert.key) already has the threshold \(shown)"))
        }
        let location = context.location(of: alert, target: target)
        let said = comparison(context.request)
        let written_ = effective?["evaluation"]?["comparison_operator"]?.string
        let operator_ = said ?? written_
        var operations: [EditOperation] = [.set(location.base + [.key("evaluation"), .key("threshold"), .key("value"), .key("double_value")], number)]
        if let said, said != written_ { operations.append(.set(location.base + [.key("evaluation"), .key("comparison_operator")], .string(said))) }
        return Plan(subject: "Set the threshold of alert \(alert.key) to \(shown)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set evaluation.threshold.value.double_value to \(shown) (was \(written?["double_value"]?.string ?? "none")) on alert \(alert.key)\(context.forTarget(target))\(operator_.map { "; it fires when the result is \($0.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "or equal", with: "or equal to")) \(shown)" } ?? "").",
                    target: target, resource: alert,
                    edits: [(location.file, operations)])
    }
}
