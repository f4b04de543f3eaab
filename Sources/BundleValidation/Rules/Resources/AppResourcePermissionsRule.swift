import BundleModel
import Foundation

public struct AppResourcePermissionsRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "app-resource-permissions", name: "Resources an app uses keep the app's grant", severity: .warning, scope: .target,
        summary: "A bundle resource that an app uses and that has permissions lists the app's service principal.",
        documentation: """
        An app that uses a job, warehouse, serving endpoint or experiment of the bundle
        (`resources: [{job: {id: ${resources.jobs.etl.id}, permission: CAN_MANAGE_RUN}}]`) is granted that
        permission when it is deployed. When the resource has a `permissions` list of its own (or the
        bundle's top-level `permissions` apply to it), the next deployment sets the resource's permissions to
        that list and takes the app's grant away. List the app's service principal there:
        `service_principal_name: ${resources.apps.<app>.service_principal_client_id}` with the level the app
        asks for. The Databricks CLI warns the same way (bundle/apps/validate.go).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  permissions:
                    - level: CAN_MANAGE
                      group_name: data-eng
                  tasks:
                    - task_key: main
                      notebook_task:
                        notebook_path: /Workspace/Shared/main
              apps:
                portal:
                  ↓name: portal
                  source_code_path: ./app
                  resources:
                    - name: etl-job
                      job:
                        id: ${resources.jobs.etl.id}
                        permission: CAN_MANAGE_RUN
            """, files: ["app/app.py": "print('hi')\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  permissions:
                    - level: CAN_MANAGE
                      group_name: data-eng
                    - level: CAN_MANAGE_RUN
                      service_principal_name: ${resources.apps.portal.service_principal_client_id}
                  tasks:
                    - task_key: main
                      notebook_task:
                        notebook_path: /Workspace/Shared/main
              apps:
                portal:
                  name: portal
                  source_code_path: ./app
                  resources:
                    - name: etl-job
                      job:
                        id: ${resources.jobs.etl.id}
                        permission: CAN_MANAGE_RUN
            """, files: ["app/app.py": "print('hi')\n"]),
        ])

    /// Which of the top-level permission levels the CLI copies onto each resource type (apply_bundle_permissions.go).
    static let topLevelLevels: [String: Set<String>] = [
        "jobs": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "pipelines": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"],
        "experiments": ["CAN_MANAGE", "CAN_VIEW"], "models": ["CAN_MANAGE", "CAN_VIEW"],
        "model_serving_endpoints": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "dashboards": ["CAN_MANAGE", "CAN_VIEW"],
        "genie_spaces": ["CAN_MANAGE", "CAN_VIEW"], "apps": ["CAN_MANAGE", "CAN_VIEW"], "secret_scopes": ["CAN_MANAGE", "CAN_VIEW"],
        "alerts": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "sql_warehouses": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"],
        "database_instances": ["CAN_MANAGE", "CAN_VIEW"], "postgres_projects": ["CAN_MANAGE", "CAN_VIEW"],
        "clusters": ["CAN_MANAGE", "CAN_VIEW", "CAN_RUN"], "vector_search_endpoints": ["CAN_MANAGE", "CAN_VIEW"],
        "instance_pools": ["CAN_MANAGE", "CAN_VIEW"],
    ]

    /// An app resource entry's reference and the permission it asks for (appResourceRef in validate.go).
    static func reference(_ entry: YAMLNode) -> (value: String, permission: String)? {
        let fields: [(String, [String])] = [("job", ["id"]), ("sql_warehouse", ["id"]), ("serving_endpoint", ["name"]),
                                            ("experiment", ["experiment_id"]), ("postgres", ["branch", "database"]),
                                            ("uc_securable", ["securable_full_name"])]
        for (kind, names) in fields {
            guard let body = entry[kind], body.mapping != nil else { continue }
            let value = names.lazy.compactMap { body[$0]?.string }.first { !$0.isEmpty } ?? ""
            return (value, body["permission"]?.string ?? "")
        }
        return nil
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let configuration = context.effective.configuration
        let topLevel = (configuration["permissions"]?.sequence ?? []).compactMap { $0["level"]?.string }
        for app in context.resources("apps") {
            let appKey = app.key
            for entry in app.node["resources"]?.sequence ?? [] {
                guard let (value, permission) = Self.reference(entry),
                      let match = value.firstMatch(of: #/\$\{resources\.(\w+)\.([^.]+)\.\w+\}/#) else { continue }
                let type = String(match.output.1), key = String(match.output.2)
                guard let resource = configuration["resources"]?[type]?[key] else { continue }
                let own = resource["permissions"]?.sequence ?? []
                let inherited = topLevel.contains { Self.topLevelLevels[type]?.contains($0) == true }
                guard !own.isEmpty || inherited else { continue }
                let reference = "${resources.apps.\(appKey).service_principal_client_id}"
                if own.contains(where: { $0["service_principal_name"]?.string == reference }) { continue }
                out.append(diagnostic("app \"\(appKey)\" references \(type) \"\(key)\" which has permissions set. To prevent permission override after deploying the app, please add the app service principal to the \(type) permissions",
                                      detail: """
                                      Add the following section to the \(type) permissions:

                                        resources:
                                          \(type):
                                            \(key):
                                              permissions:
                                                - level: \(permission)
                                                  service_principal_name: \(reference)
                                      """,
                                      path: app.path, at: app.node.location))
            }
        }
        return out
    }
}
