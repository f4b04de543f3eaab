@testable import BundleAgent
import BundleModel
import XCTest

/// Requests from the trial of 2026-12-05 on public bundles (momentum-life-claims, data-intelligence,
/// half-hourly-energy, dynasty-genius, brendan_semantics, spotify-dbx-dev-demo) that were committed
/// wrong or refused: each asserts the values written.
final class PublicBundleTrial38Tests: XCTestCase {
    static let appBundle = [
        "databricks.yml": "bundle: {name: claims}\ninclude: [resources/*.yml]\ntargets:\n  demo: {default: true}\n",
        "resources/app.yml": """
        resources:
          apps:
            momentum_claims_portal:
              name: momentum-claims-portal
              description: "Momentum Life — Assessment Analytics Portal (claims processing copilot)."
              source_code_path: ../app
        """,
        "app/app.py": "print('hi')\n",
    ]

    /// "the app's description": the apostrophe was taken for a quote, and `s description to ` was written.
    func testAnApostropheIsNoQuote() throws {
        for request in ["change the app's description to \"Assessment Analytics Portal\"", "set the portal app's description to 'Assessment Analytics Portal'",
                        "change the app’s description to “Assessment Analytics Portal”"] {
            let (_, bundle) = try InMemoryPlanning.apply(request, to: Self.appBundle)
            XCTAssertEqual(bundle.configuration["resources"]?["apps"]?["momentum_claims_portal"]?["description"]?.string, "Assessment Analytics Portal", request)
        }
        XCTAssertEqual(RequestText("don't rename the job's 'nightly' run to \"x y\"").quotedValues, ["nightly", "x y"])
        XCTAssertEqual(RequestText("the app's and the job's names").quotedValues, [])
    }
}
