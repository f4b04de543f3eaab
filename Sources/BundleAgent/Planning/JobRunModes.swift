import BundleEditing
import BundleModel

/// A job starts its runs one way: by its schedule, its trigger (file arrival, table update, periodic) or
/// continuously; the Jobs API takes one of them. Giving a job a new way replaces the ones it has.
extension PlanningContext {
    /// The deletions of the ways `job` has other than `new` ("continuous", "trigger"), where they are
    /// written (the definition and every target's override, or `target`'s alone), the names of those
    /// replaced, and the pause status to keep: written in the definition (a reference such as
    /// `${var.schedule_pause_status}` stays one), else the effective one, else UNPAUSED. A target's own
    /// pause status moves to the new way in that target.
    func replacingRunModes(of job: String, target: String?, with new: String)
        throws -> (edits: [(file: String, operations: [EditOperation])], replaced: [String], pause: String) {
        let fields = ["schedule", "trigger", "continuous"].filter { $0 != new }
        let definition = jobLocation(job, target: nil)
        let location = jobLocation(job, target: target)
        if let target {
            for field in fields where rawNode(file: definition.file, path: definition.base + [.key(field)]) != nil {
                throw PlanningStop(outcome: .refused("job \(job) has a \(field) for every target, and a job starts its runs one way only; "
                                                     + "change it for every target (without \"in \(target)\") or remove the \(field) first"))
            }
        }
        let written = fields.lazy.compactMap { field in
            [location, definition].lazy.compactMap { self.rawNode(file: $0.file, path: $0.base + [.key(field), .key("pause_status")])?.scalar?.text }.first
        }.first
        let effective = effectiveJob(job, target: target)
        let pause = written ?? fields.lazy.compactMap { effective?[$0]?["pause_status"]?.scalar?.text }.first ?? "UNPAUSED"
        var edits: [(file: String, operations: [EditOperation])] = []
        var replaced: [String] = []
        func add(_ operation: EditOperation, in file: String) {
            if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations.append(operation) } else { edits.append((file, [operation])) }
        }
        let places = target.map { [jobLocation(job, target: $0)] } ?? ([definition] + bundle.targetNames.map { jobLocation(job, target: $0) })
        for place in places {
            var movedPause = false
            for field in fields where rawNode(file: place.file, path: place.base + [.key(field)]) != nil {
                // A target's own pause status ("PAUSED in dev") stays that target's (set before the old way
                // goes, so that its block is never empty on the way).
                if target == nil, place.base != definition.base || place.file != definition.file, !movedPause,
                   let own = rawNode(file: place.file, path: place.base + [.key(field), .key("pause_status")])?.scalar?.text, own != pause {
                    add(.set(place.base + [.key(new), .key("pause_status")], .string(own)), in: place.file)
                    movedPause = true
                }
                add(.delete(place.base + [.key(field)]), in: place.file)
                if !replaced.contains(field) { replaced.append(field) }
            }
        }
        return (edits, replaced, pause)
    }
}
