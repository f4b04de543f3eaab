@testable import BundleAgent
import BundleModel
import XCTest

/// A bundle of the first format (dais2023) names its targets `environments:`; what a request changes
/// for one of them goes there, never into a new `targets:` section, which the CLI refuses beside it.
final class EnvironmentsSectionTests: XCTestCase {
    static let files = [
        "bundle.yml": """
        bundle: {name: metrics}
        resources:
          pipelines:
            metrics:
              name: metrics
              catalog: main
              target: metrics
              libraries: [{notebook: {path: ./metrics.py}}]
              clusters:
                - autoscale: {min_workers: 1, max_workers: 4}
        environments:
          development:
            default: true
          production:
            resources:
              pipelines:
                metrics:
                  photon: true
                  clusters:
                    - autoscale: {min_workers: 2, max_workers: 8}
        """,
        "metrics.py": "# Databricks notebook source\n",
    ]

    func testAnOverrideGoesUnderEnvironments() throws {
        let (plan, bundle) = try InMemoryPlanning.apply("make the pipeline cluster autoscale up to 16 workers in production", to: Self.files)
        XCTAssertTrue(plan.edits.flatMap(\.operations).allSatisfy { operation in
            if case .set(let path, _) = operation { return path.first != .key("targets") }
            return true
        }, "\(plan.edits)")
        XCTAssertNil(bundle.files.first?.root?["targets"])
        let cluster = bundle.effectiveConfiguration(target: "production").configuration["resources"]?["pipelines"]?["metrics"]?["clusters"]?.sequence
        XCTAssertEqual(cluster?.count, 1, "the unlabelled override is the default cluster, not a second one")
        XCTAssertEqual(cluster?.first?["autoscale"]?["max_workers"]?.string, "16")
        let (_, granted) = try InMemoryPlanning.apply("let group analysts view the pipeline in production", to: Self.files)
        XCTAssertNil(granted.files.first?.root?["targets"])
    }
}
