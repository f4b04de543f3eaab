import BundleModel
import Foundation

public struct SecretValueRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "secret-value", name: "Secret values come from variables", severity: .error, scope: .bundle,
        summary: "A Unity Catalog secret's `value` (resources.secrets) is a `${var.…}` reference to a variable without a default.",
        documentation: """
        A secret written in the configuration is committed in plain text. The Databricks CLI refuses it
        (bundle/config/validate, the secrets resource): "Secret value must be a variable reference", a
        variable with a default ("Variable used for secret value must not have a default value": the
        default is plain text too), and a value that is no string ("Secret value must be a string"). Give
        the value at deploy time with `--var`, `BUNDLE_VAR_<name>` or the variable-overrides file.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              secrets:
                api_key:
                  catalog_name: main
                  schema_name: default
                  name: api_key
                  value: ↓plain-text-secret
            """),
            RuleExample("""
            bundle:
              name: demo
            variables:
              api_key:
                default: plain-text-default
            resources:
              secrets:
                api_key:
                  catalog_name: main
                  schema_name: default
                  name: api_key
                  value: ↓${var.api_key}
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            variables:
              api_key:
                description: Given at deploy time (BUNDLE_VAR_api_key)
            resources:
              secrets:
                api_key:
                  catalog_name: main
                  schema_name: default
                  name: api_key
                  value: ${var.api_key}
            """, files: [".databricks/bundle/default/variable-overrides.json": "{\"api_key\": \"given at deploy time\"}"]),
        ])

    static let reference = try! NSRegularExpression(pattern: #"^\$\{var\.([A-Za-z0-9_-]+)\}$"#)

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let variables = context.bundle.configuration["variables"]?.mapping
        var found: [Diagnostic] = []
        func check(_ secrets: YAMLNode?, prefix: String) {
            for secret in secrets?.mapping?.entries ?? [] {
                guard let value = secret.value.mapping?.entry("value") else { continue }
                let path = "\(prefix)resources.secrets.\(secret.key).value"
                guard let text = value.value.string, value.value.scalar != nil else {
                    if !value.value.isNull {
                        found.append(diagnostic("Secret value must be a string", detail: "The secret value for \"\(secret.key)\" must be a string.",
                                                path: path, at: value.value.location))
                    }
                    continue
                }
                let range = NSRange(text.startIndex..., in: text)
                guard let match = Self.reference.firstMatch(in: text, range: range), let name = Range(match.range(at: 1), in: text).map({ String(text[$0]) }) else {
                    found.append(diagnostic("Secret value must be a variable reference",
                                            detail: "The secret value for \"\(secret.key)\" must be a variable reference (e.g., ${var.my_secret}). Plain text secret values are not allowed to prevent leaking secrets in configuration files. Use bundle variables to pass secret values at deployment time.",
                                            path: path, at: value.value.location))
                    continue
                }
                if let declared = variables?[name], let fallback = declared["default"], !fallback.isNull {
                    found.append(diagnostic("Variable used for secret value must not have a default value",
                                            detail: "The variable \"\(name)\" used for the secret \"\(secret.key)\" must not have a default value (\(fallback.location.file):\(fallback.location.line)). A default is stored in plain text in the configuration file; remove it and pass the value at deployment time with --var, BUNDLE_VAR_\(name) or a variable overrides file.",
                                            path: path, at: value.value.location))
                }
            }
        }
        for file in context.bundle.files {
            check(file.root?["resources"]?["secrets"], prefix: "")
            for target in file.root?["targets"]?.mapping?.entries ?? [] { check(target.value["resources"]?["secrets"], prefix: "targets.\(target.key).") }
        }
        return found
    }
}
