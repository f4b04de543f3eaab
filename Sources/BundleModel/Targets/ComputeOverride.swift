/// A target's `cluster_id` (or the older `compute_id`), as the Databricks CLI applies it (mutator
/// override_compute): every task of every job that names compute — a `new_cluster`, a `job_cluster_key`,
/// an `environment_key` or an `existing_cluster_id` — runs on that cluster instead; a task that names
/// none stays on serverless compute. Rules see the tasks as they are deployed ("dev uses my cluster, prod
/// its job clusters" got a job cluster's old runtime reported for dev, and a missing job cluster key).
enum ComputeOverride {
    static func apply(to configuration: inout YAMLMapping) {
        guard let bundle = configuration["bundle"], let node = bundle["cluster_id"] ?? bundle["compute_id"],
              let id = node.string, !id.isEmpty, !id.contains("${"),
              var resources = configuration["resources"]?.mapping, var jobs = resources["jobs"]?.mapping else { return }
        var changed = false
        for entry in jobs.entries {
            guard var job = entry.value.mapping, let tasks = job["tasks"]?.sequence else { continue }
            var rewritten: [YAMLNode] = []
            var jobChanged = false
            for task in tasks {
                if let overridden = overridden(task, id: id, at: node.location) {
                    rewritten.append(overridden)
                    jobChanged = true
                } else {
                    rewritten.append(task)
                }
            }
            guard jobChanged, let tasksNode = job["tasks"] else { continue }
            job.set("tasks", YAMLNode(.sequence(rewritten), at: tasksNode.location))
            jobs.set(entry.key, YAMLNode(.mapping(job), at: entry.value.location))
            changed = true
        }
        guard changed, let jobsNode = resources["jobs"], let resourcesNode = configuration["resources"] else { return }
        resources.set("jobs", YAMLNode(.mapping(jobs), at: jobsNode.location))
        configuration.set("resources", YAMLNode(.mapping(resources), at: resourcesNode.location))
    }

    /// The task on the cluster (and a for-each task's inner task); nil when it names no compute.
    static func overridden(_ task: YAMLNode, id: String, at location: SourceLocation) -> YAMLNode? {
        guard var mapping = task.mapping else { return nil }
        if let inner = task["for_each_task"]?["task"], let replaced = overridden(inner, id: id, at: location),
           var loop = task["for_each_task"]?.mapping, let loopNode = task["for_each_task"] {
            loop.set("task", replaced)
            mapping.set("for_each_task", YAMLNode(.mapping(loop), at: loopNode.location))
            return YAMLNode(.mapping(mapping), at: task.location)
        }
        let computeKeys = ["new_cluster", "job_cluster_key", "environment_key", "existing_cluster_id"]
        guard computeKeys.contains(where: { mapping[$0] != nil }) else { return nil }
        let at = mapping.entries.first { computeKeys.contains($0.key) }?.keyLocation ?? task.location
        for key in computeKeys { mapping.remove(key) }
        mapping.set("existing_cluster_id", YAMLNode(.scalar(YAMLScalar(text: id, style: .plain)), at: location), keyLocation: at)
        return YAMLNode(.mapping(mapping), at: task.location)
    }
}
