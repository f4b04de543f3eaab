@testable import BundleAgent
import BundleModel
import BundleValidation
import XCTest

/// A request planned on bundle files held in memory, as the tests of one bundle shape use it.
enum InMemoryPlanning {
    struct NotPlanned: Error {}

    /// Plans `request` on `files`, applies the plan and checks that every target still validates;
    /// the plan and the edited bundle. Fails the test (and throws) when the request is not planned,
    /// or is planned by another intent than `intent`.
    static func apply(_ request: String, to files: [String: String], intent: String? = nil,
                      file: StaticString = #filePath, line: UInt = #line) throws -> (plan: Plan, bundle: LoadedBundle) {
        let bundle = try BundleLoader(source: InMemoryFileSource(texts: files)).load()
        let (outcome, chosen) = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText(request)), session: nil)
        if let intent { XCTAssertEqual(chosen, intent, request, file: file, line: line) }
        guard case .plan(let plan) = outcome else {
            XCTFail("\(request): \(outcome)", file: file, line: line)
            throw NotPlanned()
        }
        var edited = files
        for (path, text) in try plan.contents ?? OfflinePlanner.apply(plan, read: { edited[$0]! }) { edited[path] = text }
        for path in plan.removedFiles { edited[path] = nil }
        let report = try ValidationRequest(targets: .all).run(source: InMemoryFileSource(texts: edited))
        XCTAssertEqual(report.errors, 0, "\(request): \(report.diagnostics.map(\.summary))", file: file, line: line)
        return (plan, try BundleLoader(source: InMemoryFileSource(texts: edited)).load())
    }

    /// What the planner makes of `request` on `files`, and the files after its plan (unchanged when it
    /// is no plan): for requests that build on each other.
    static func outcome(_ request: String, on files: [String: String]) throws -> (PlanOutcome, [String: String]) {
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: try BundleLoader(source: InMemoryFileSource(texts: files)).load(), request: RequestText(request)))
        guard case .plan(let plan) = outcome else { return (outcome, files) }
        var out = files
        for (path, text) in try plan.contents ?? OfflinePlanner.apply(plan, read: { files[$0]! }) { out[path] = text }
        for path in plan.removedFiles { out[path] = nil }
        return (outcome, out)
    }
}
