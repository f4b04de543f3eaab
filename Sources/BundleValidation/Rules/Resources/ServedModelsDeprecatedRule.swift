import BundleModel

public struct ServedModelsDeprecatedRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "served-models-deprecated", name: "served_entities, not served_models", severity: .warning, scope: .target,
        summary: "A model serving endpoint's `served_models` is the deprecated form of `served_entities`.",
        documentation: """
        The Databricks CLI turns `served_models` into `served_entities` and warns ("Using served_models is
        deprecated", bundle/config/mutator/resourcemutator/model_serving_endpoint_fixups.go). Write each
        model as an entry of `served_entities` (`entity_name`, `entity_version`, and the same sizing).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              model_serving_endpoints:
                scoring:
                  name: scoring
                  config:
                    ↓served_models:
                      - model_name: main.ml.churn
                        model_version: "3"
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
                scoring:
                  name: scoring
                  config:
                    served_entities:
                      - entity_name: main.ml.churn
                        entity_version: "3"
                        workload_size: Small
                        scale_to_zero_enabled: true
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        context.resources("model_serving_endpoints").compactMap { endpoint in
            guard let config = endpoint.node["config"]?.mapping, let models = config.entry("served_models"),
                  !(models.value.sequence?.isEmpty ?? true), config["served_entities"]?.sequence?.isEmpty ?? true else { return nil }
            return diagnostic("Using served_models is deprecated",
                              detail: "The served_models field is deprecated. Please use served_entities instead.",
                              path: endpoint.path + ".config.served_models", at: models.keyLocation)
        }
    }
}
