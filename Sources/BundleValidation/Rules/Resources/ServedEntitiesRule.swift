import BundleModel

public struct ServedEntitiesRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "served-entities", name: "Serving endpoints serve entities", severity: .error, scope: .target,
        summary: "A model serving endpoint lists `served_entities` or `served_models`, not both.",
        documentation: """
        `served_models` is the older form of `served_entities`; the Databricks CLI refuses an endpoint that
        has both ("Cannot use both served_models and served_entities",
        bundle/config/mutator/resourcemutator/model_serving_endpoint_fixups.go). Move the models into
        `served_entities` (each with `entity_name` and `entity_version`).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              model_serving_endpoints:
                churn:
                  name: churn
                  config:
                    ↓served_models:
                      - model_name: churn
                        model_version: "1"
                        workload_size: Small
                        scale_to_zero_enabled: true
                    served_entities:
                      - entity_name: main.ml.churn
                        entity_version: "2"
                        workload_size: Small
                        scale_to_zero_enabled: true
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              model_serving_endpoints:
                churn:
                  name: churn
                  config:
                    served_entities:
                      - entity_name: main.ml.churn
                        entity_version: "2"
                        workload_size: Small
                        scale_to_zero_enabled: true
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.resources("model_serving_endpoints").compactMap { endpoint in
            guard let config = endpoint.node["config"]?.mapping,
                  let models = config.entry("served_models"), !(models.value.sequence?.isEmpty ?? true),
                  !(config["served_entities"]?.sequence?.isEmpty ?? true) else { return nil }
            return diagnostic("Cannot use both served_models and served_entities",
                              detail: "Model serving endpoint \(endpoint.key) cannot specify both at the same time; move the models into served_entities.",
                              path: endpoint.path + ".config.served_models", at: models.keyLocation)
        }
    }
}
