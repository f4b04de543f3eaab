// swift-tools-version:6.0
import PackageDescription

// The libFuzzer targets of dabrepo (issue 18), a package of their own so that the main build and its
// tests never compile them: `scripts/fuzz TARGET [SECONDS]` builds them for libFuzzer with
// AddressSanitizer into .build-fuzz (kept between runs, so a run rebuilds only what changed)
// and runs one. Each target is an executable: its input function (libFuzzer's LLVMFuzzerTestOneInput)
// and a main.swift that hands it to libFuzzer's driver (FuzzSupport/FuzzDriver.swift).
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("FuzzBundleLoad", [.product(name: "BundleModel", package: "dabrepo"), .product(name: "BundleValidation", package: "dabrepo")]),
    ("FuzzYAMLEdit", [.product(name: "BundleModel", package: "dabrepo"), .product(name: "BundleEditing", package: "dabrepo")]),
    ("FuzzSemanticDiff", [.product(name: "BundleModel", package: "dabrepo"), .product(name: "BundleDiff", package: "dabrepo")]),
    ("FuzzNotebook", [.product(name: "BundleGeneration", package: "dabrepo")]),
    ("FuzzMCPRequest", [.product(name: "DabrepoTools", package: "dabrepo"), .product(name: "MCP", package: "swift-sdk")]),
    ("FuzzServeRequest", [.product(name: "BundleServer", package: "dabrepo")]),
]

let package = Package(
    name: "dabrepo-fuzz",
    dependencies: [
        .package(name: "dabrepo", path: ".."),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
    ],
    targets: [
        // Splitting one fuzz input into bundle files, shared by the targets that load bundles.
        .target(name: "FuzzSupport", dependencies: [.product(name: "BundleModel", package: "dabrepo")]),
    ] + fuzzTargets.map { target in
        .executableTarget(name: target.name, dependencies: ["FuzzSupport"] + target.dependencies)
    }
)
