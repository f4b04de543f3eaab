@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trials of the session of 2026-12-07 (eleventh), and known items of the one before.
final class PublicBundleTrial86Tests: XCTestCase {
    /// A reports job that e-mails bob and alice on failure, and lets bob view it.
    static let reports: [String: String] = [
        "databricks.yml": """
        bundle:
          name: shop
        include:
          - resources/*.yml
        targets:
          dev:
            mode: development
            default: true
          prod:
            mode: production
            workspace:
              root_path: /Workspace/Shared/.bundle/shop

        """,
        "resources/reports.yml": """
        resources:
          jobs:
            reports:
              name: reports
              email_notifications:
                on_failure:
                  - bob@x.com
                  - alice@x.com
              permissions:
                - user_name: bob@x.com
                  level: CAN_VIEW
                - user_name: carol@x.com
                  level: CAN_MANAGE_RUN
              tasks:
                - task_key: build
                  notebook_task:
                    notebook_path: ../src/build.py

        """,
        "src/build.py": "# Databricks notebook source\n",
    ]

    func reports(_ bundle: LoadedBundle) -> YAMLNode? { bundle.configuration["resources"]?["jobs"]?["reports"] }

    func users(_ bundle: LoadedBundle) -> [String] {
        (reports(bundle)?["permissions"]?.sequence ?? []).compactMap { $0["user_name"]?.string }
    }

    func recipients(_ bundle: LoadedBundle) -> [String] {
        reports(bundle)?["email_notifications"]?["on_failure"]?.sequence?.compactMap(\.string) ?? []
    }

    /// "remove bob@x.com from the reports job" took bob off the e-mails only; he kept his access unsaid. Naming
    /// the e-mails keeps his access; someone only with access loses it (it said "nothing to change").
    func testRemovingSomeoneFromAJob() throws {
        for request in ["remove bob@x.com from the reports job", "take bob@x.com off the reports job"] {
            let (plan, bundle) = try InMemoryPlanning.apply(request, to: Self.reports)
            XCTAssertEqual(recipients(bundle), ["alice@x.com"], request)
            XCTAssertEqual(users(bundle), ["carol@x.com"], "\(request): \(plan.summary)")
            XCTAssertTrue(plan.summary.contains("revoked"), plan.summary)
        }
        let (_, emails) = try InMemoryPlanning.apply("remove bob@x.com from the reports job's notifications", to: Self.reports)
        XCTAssertEqual(recipients(emails), ["alice@x.com"])
        XCTAssertEqual(users(emails), ["bob@x.com", "carol@x.com"])
        let (plan, access) = try InMemoryPlanning.apply("remove carol@x.com from the reports job", to: Self.reports)
        XCTAssertEqual(users(access), ["bob@x.com"], plan.summary)
        XCTAssertEqual(recipients(access), ["bob@x.com", "alice@x.com"])
    }
}
