// swift-tools-version:6.0
import PackageDescription

/// This package's directory (for the linker search path of CurlOnDemand).
let packageDirectory = String(#filePath.dropLast("/Package.swift".count))

let package = Package(
    name: "dabrepo",
    products: [
        .executable(name: "dabrepo", targets: ["dabrepo"]),
        .library(name: "BundleModel", targets: ["BundleModel"]),
        .library(name: "BundleValidation", targets: ["BundleValidation"]),
        .library(name: "BundleRepository", targets: ["BundleRepository"]),
        .library(name: "BundleDiff", targets: ["BundleDiff"]),
        .library(name: "BundleEditing", targets: ["BundleEditing"]),
        .library(name: "BundleAgent", targets: ["BundleAgent"]),
        .library(name: "BundleGeneration", targets: ["BundleGeneration"]),
        .library(name: "Workspace", targets: ["Workspace"]),
        .library(name: "DabrepoTools", targets: ["DabrepoTools"]),
        .library(name: "BundleEngine", targets: ["BundleEngine"]),
        .library(name: "WorkspaceOperations", targets: ["WorkspaceOperations"]),
        .library(name: "BundleReports", targets: ["BundleReports"]),
        .library(name: "LanguageModels", targets: ["LanguageModels"]),
        .library(name: "LanguageModelAgent", targets: ["LanguageModelAgent"]),
        .library(name: "BundleServer", targets: ["BundleServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
    ],
    targets: [
        // The bundle model: YAML with positions, loading, includes, targets, variables.
        // Knows nothing of git, HTTP or validation rules.
        .target(
            name: "BundleModel",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Validation rules and the typed schema of bundle configuration, on top of BundleModel.
        .target(
            name: "BundleValidation",
            dependencies: ["BundleModel"]
        ),
        // The semantic, resource-aware diff of two bundle snapshots.
        .target(
            name: "BundleDiff",
            dependencies: ["BundleModel"]
        ),
        // Minimal-diff edits of YAML text: comments, layout and anchors stay byte-identical.
        .target(
            name: "BundleEditing",
            dependencies: ["BundleModel", .product(name: "Yams", package: "Yams")]
        ),
        // The agent behind `refine`: requests → intents → planned edits. The offline planner lives here.
        .target(
            name: "BundleAgent",
            dependencies: ["BundleModel", "BundleEditing"]
        ),
        // Bundles from existing jobs: Jobs API settings → resource YAML.
        .target(
            name: "BundleGeneration",
            dependencies: ["BundleModel", "BundleEditing"]
        ),
        // libcurl's header (Debian's libcurl4-openssl-dev): the workspace client's HTTP. No pkg-config:
        // its -L/usr/lib/x86_64-linux-gnu would come before CurlOnDemand's on the link line.
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // libcurl's functions, defined here and forwarded to libcurl opened with dlopen on first use, so
        // that dabrepo does not load libcurl and its ~30 libraries at every start (CurlOnDemand.c). In
        // link/, an empty linker script named libcurl.so turns the -lcurl that CCurl and Foundation's
        // URLSession ask for into nothing.
        // Opening a shared library on the first call of one of its functions, for the two below.
        .target(
            name: "LibraryOnDemand",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        .target(
            name: "CurlOnDemand",
            dependencies: ["LibraryOnDemand"],
            exclude: ["link"],
            linkerSettings: [.unsafeFlags(["-L", packageDirectory + "/Sources/CurlOnDemand/link"]), .linkedLibrary("dl")]
        ),
        // The Databricks workspace: auth as the CLI and SDKs resolve it, and a REST client.
        .target(
            name: "Workspace",
            dependencies: ["BundleModel", "CCurl", "CurlOnDemand"]
        ),
        // libgit2 (Debian's libgit2-dev), in the compiler's and linker's default paths. No pkg-config: its
        // -L/usr/lib/x86_64-linux-gnu would come before CurlOnDemand's on the link line.
        .systemLibrary(
            name: "CLibGit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // libgit2's functions, defined here and forwarded to libgit2 opened with dlopen on first use, so that
        // dabrepo does not load libgit2 and its ~15 libraries (OpenSSL, Kerberos, libssh2, ...) at every
        // start (LibGit2OnDemandSupport.c; LibGit2OnDemand.c is generated by
        // scripts/generate-libgit2-on-demand). In link/, an empty linker script named libgit2.so turns the
        // -lgit2 that CLibGit2 asks for into nothing.
        .target(
            name: "LibGit2OnDemand",
            dependencies: ["CLibGit2", "LibraryOnDemand"],
            exclude: ["link"],
            linkerSettings: [.unsafeFlags(["-L", packageDirectory + "/Sources/LibGit2OnDemand/link"]), .linkedLibrary("dl")]
        ),
        // zlib's inflate (Debian's zlib1g-dev), libz opened with dlopen on first use: for the git object
        // reader, which the pre-commit hook uses instead of loading libgit2.
        .target(
            name: "ZlibOnDemand",
            dependencies: ["LibraryOnDemand"]
        ),
        // The bundle repository on git: templates, hooks, revision commits, history.
        .target(
            name: "BundleRepository",
            dependencies: ["CLibGit2", "LibGit2OnDemand", "ZlibOnDemand", "BundleModel", "BundleValidation", "BundleDiff"]
        ),
        // The operations every front end offers (CLI, MCP, the LLM agent's tools, serve), as library
        // calls with typed requests, Codable results and events.
        .target(
            name: "BundleEngine",
            dependencies: ["BundleModel", "BundleValidation", "BundleRepository", "BundleDiff", "BundleEditing", "BundleAgent", "BundleGeneration"]
        ),
        // The engine's operations that talk to a workspace (generate, sync, upload, a job run followed
        // to its end), with typed requests, Codable results and progress; their writes go through the engine.
        .target(
            name: "WorkspaceOperations",
            dependencies: ["BundleModel", "BundleValidation", "BundleRepository", "BundleEditing", "BundleGeneration", "BundleEngine", "Workspace"]
        ),
        // The engine's results as text for people (validation findings of a turn, diffs, history,
        // workspace listings, rules, the manual page): one rendering for the CLI and any other front end.
        .target(
            name: "BundleReports",
            dependencies: ["BundleModel", "BundleValidation", "BundleRepository", "BundleDiff", "BundleAgent", "BundleGeneration",
                           "BundleEngine", "WorkspaceOperations"]
        ),
        // Language models behind one small interface: Anthropic Messages and OpenAI chat completions
        // wire formats; Anthropic, Databricks model serving and OpenAI-compatible endpoints as configuration.
        .target(
            name: "LanguageModels",
            dependencies: ["BundleModel", "Workspace"]
        ),
        // The registry of tools (name, JSON schema, how it runs) that `dabrepo tools` and MCP serve.
        .target(
            name: "DabrepoTools",
            dependencies: ["BundleModel", "BundleValidation", "BundleDiff", "BundleAgent", "BundleEngine", "BundleReports", "WorkspaceOperations", "Workspace"]
        ),
        // The agent that plans with a language model through the registry's tools, and `auto`.
        .target(
            name: "LanguageModelAgent",
            dependencies: ["BundleModel", "BundleValidation", "BundleRepository", "BundleAgent", "BundleEngine", "DabrepoTools", "LanguageModels"]
        ),
        // `dabrepo mcp`: the tools over the Model Context Protocol, on stdio or streamable HTTP.
        .target(
            name: "DabrepoMCP",
            dependencies: [
                "BundleModel",
                "DabrepoTools",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // `dabrepo serve`: the bundle conversation over HTTP (an API with server-sent events and the page
        // embedded from Page/), on Hummingbird.
        .target(
            name: "BundleServer",
            dependencies: [
                "BundleModel",
                "BundleValidation",
                "BundleRepository",
                "BundleDiff",
                "BundleEngine",
                "DabrepoTools",
                "LanguageModels",
                "LanguageModelAgent",
                "Workspace",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Page/index.html", "Page/app.js", "Page/style.css"]
        ),
        // The command-line interface: thin commands over the libraries.
        .executableTarget(
            name: "dabrepo",
            dependencies: [
                "BundleModel",
                "BundleValidation",
                "BundleRepository",
                "BundleDiff",
                "BundleEditing",
                "BundleAgent",
                "BundleGeneration",
                "Workspace",
                "DabrepoTools",
                "DabrepoMCP",
                "BundleEngine",
                "WorkspaceOperations",
                "BundleReports",
                "LanguageModels",
                "LanguageModelAgent",
                "BundleServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release executable exports no symbols: SwiftPM links executables with --export-dynamic,
            // which put ~32,000 symbols in the dynamic symbol table that the loader and the runtime's
            // dladdr search at every start (~1.3 ms of `dabrepo --version`); nothing looks them up.
            // (It stays position-independent: see README, Speed.)
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(configuration: .release))],
            plugins: ["BuildCommitPlugin"]
        ),
        // Writes the git commit being built into the dabrepo target (`dabrepo --version`).
        .plugin(
            name: "BuildCommitPlugin",
            capability: .buildTool()
        ),
        // Paths to ../shared and the built binary, temporary directories, running the CLI.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "BundleModelTests",
            dependencies: ["BundleModel", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BundleValidationTests",
            dependencies: ["BundleModel", "BundleValidation", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BundleDiffTests",
            dependencies: ["BundleModel", "BundleDiff", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BundleEditingTests",
            dependencies: ["BundleModel", "BundleEditing", "BundleDiff", "TestSupport"]
        ),
        .testTarget(
            name: "WorkspaceTests",
            dependencies: ["BundleModel", "Workspace", "WorkspaceOperations", "BundleEngine", "BundleRepository", "TestSupport", "BundleGeneration"]
        ),
        .testTarget(
            name: "BundleAgentTests",
            dependencies: ["BundleModel", "BundleAgent", "BundleEditing", "BundleRepository", "BundleValidation", "TestSupport"]
        ),
        .testTarget(
            name: "BundleGenerationTests",
            dependencies: ["BundleGeneration"]
        ),
        .testTarget(
            name: "BundleRepositoryTests",
            dependencies: ["BundleModel", "BundleRepository", "TestSupport"]
        ),
        .testTarget(
            name: "BundleEngineTests",
            dependencies: ["BundleEngine", "BundleAgent", "BundleModel", "BundleValidation", "BundleRepository", "BundleReports", "DabrepoTools", "TestSupport"]
        ),
        .testTarget(
            name: "DabrepoToolsTests",
            dependencies: ["DabrepoTools"]
        ),
        .testTarget(
            name: "LanguageModelsTests",
            dependencies: ["LanguageModels", "TestSupport"]
        ),
        .testTarget(
            name: "LanguageModelAgentTests",
            dependencies: ["LanguageModelAgent", "BundleAgent", "LanguageModels"]
        ),
        .testTarget(
            name: "BundleServerTests",
            dependencies: ["BundleServer", "TestSupport"]
        ),
        .testTarget(
            name: "DabrepoCLITests",
            dependencies: ["dabrepo", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
