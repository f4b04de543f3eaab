import BundleModel

public struct PipelineTaskTriggeredRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "pipeline-task-triggered", name: "Pipeline tasks run triggered pipelines", severity: .warning, scope: .target,
        summary: "A job's `pipeline_task` runs a pipeline of the bundle that is not `continuous`.",
        documentation: """
        A continuous pipeline runs all the time; a job cannot start an update of it, and the run of a
        pipeline task fails ("Continuous pipelines are not supported as a job task",
        https://docs.databricks.com/aws/en/jobs/pipeline). The Databricks CLI deploys it without a word,
        so this is a warning (not in a development target, or with `presets.trigger_pause_status: PAUSED`,
        where the CLI deploys the pipeline triggered): make the pipeline triggered (`continuous: false`) and, to keep it running,
        the job continuous (its pipeline task then runs the pipeline continuously); or remove the task and
        let the pipeline run on its own.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                curated:
                  name: curated
                  continuous: true
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: refresh
                      pipeline_task:
                        pipeline_id: ↓${resources.pipelines.curated.id}
            """),
        ],
        nonTriggeringExamples: [
            // (A development target pauses triggers: the CLI deploys the pipeline triggered.)
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
            resources:
              pipelines:
                curated:
                  name: curated
                  continuous: true
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: refresh
                      pipeline_task:
                        pipeline_id: ${resources.pipelines.curated.id}
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                curated:
                  name: curated
                  continuous: false
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: refresh
                      pipeline_task:
                        pipeline_id: ${resources.pipelines.curated.id}
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        // Paused triggers (a development target's default, or `presets.trigger_pause_status: PAUSED`): the CLI
        // deploys the pipelines with `continuous: false` (apply_presets.go), and the task runs them.
        let pause = context.effective.configuration["presets"]?["trigger_pause_status"]?.string
        if pause == "PAUSED" || (context.effective.mode == "development" && pause != "UNPAUSED") { return [] }
        let continuous = Set(context.resources("pipelines").filter { pipeline in
            let flag = pipeline.node["continuous"]?.scalar
            return flag?.value == .bool(true) || flag?.text.lowercased() == "true"
        }.map(\.key))
        guard !continuous.isEmpty else { return [] }
        var out: [Diagnostic] = []
        for job in context.resources("jobs") {
            for (i, task) in (job.node["tasks"]?.sequence ?? []).enumerated() {
                guard let node = task["pipeline_task"]?["pipeline_id"], let id = node.string,
                      let match = id.firstMatch(of: /^\$\{resources\.pipelines\.([^.}]+)\.id\}$/), continuous.contains(String(match.1)) else { continue }
                let pipeline = String(match.1)
                out.append(diagnostic("task \(task["task_key"]?.string ?? "#\(i)") of job \(job.key) runs pipeline \(pipeline), which is continuous: the run will fail",
                                      detail: "A job cannot start an update of a continuous pipeline. Make pipeline \(pipeline) triggered (continuous: false) and job \(job.key) continuous to keep it running, or remove the task.",
                                      path: "\(job.path).tasks[\(i)].pipeline_task.pipeline_id", at: node.location))
            }
        }
        return out
    }
}
