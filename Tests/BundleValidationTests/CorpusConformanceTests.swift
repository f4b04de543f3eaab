import BundleModel
import BundleValidation
import Foundation
import TestSupport
import XCTest

/// Every upstream example bundle validates without errors, except the ones the expectations file
/// lists with their reasons, which must report exactly the listed rules.
final class CorpusConformanceTests: XCTestCase {
    func testCorpusBundlesValidateAsExpected() throws {
        let (shared, message) = TestPaths.sharedOrSkipMessage()
        guard let shared else { throw XCTSkip(message) }
        let corpus = shared.appendingPathComponent("corpus/bundle-examples")
        let expectations = try Self.expectations()
        let bundles = Self.bundleDirectories(under: corpus)
        XCTAssertGreaterThan(bundles.count, 30, "found too few bundles in the corpus")
        var seenExpected = Set<String>()
        for relative in bundles {
            let source = DiskFileSource(root: corpus.appendingPathComponent(relative))
            let request = ValidationRequest(targets: .all, disabledRules: ["local-path-exists"])
            let report = try request.run(source: source)
            let errorRules = Set(report.diagnostics.filter { $0.severity == .error }.map(\.rule))
            if let expected = expectations[relative] {
                seenExpected.insert(relative)
                XCTAssertEqual(errorRules, expected, "\(relative): expected errors from \(expected.sorted()), got \(report.diagnostics.filter { $0.severity == .error }.map { "\($0.rule) \($0.location.map(String.init(describing:)) ?? ""): \($0.summary)" })")
            } else {
                XCTAssertTrue(errorRules.isEmpty, "\(relative) should be valid, but: \(report.diagnostics.filter { $0.severity == .error }.map { "\($0.rule) \($0.location.map(String.init(describing:)) ?? ""): \($0.summary)" })")
            }
        }
        XCTAssertEqual(seenExpected, Set(expectations.keys), "expectations name bundles that are not in the corpus")
    }

    /// Directories holding a bundle root file (template sources with `{{...}}` in their path excluded).
    static func bundleDirectories(under root: URL) -> [String] {
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            guard !path.contains("{{") else { continue }
            let name = (path as NSString).lastPathComponent
            if BundleLoader.rootFileNames.contains(name) { out.append((path as NSString).deletingLastPathComponent) }
        }
        return out.sorted()
    }

    static func expectations() throws -> [String: Set<String>] {
        let text = try String(contentsOf: TestPaths.fixture("BundleValidationTests", "corpus-expectations.txt"), encoding: .utf8)
        var out: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") {
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty, let colon = entry.firstIndex(of: ":") else { continue }
            out[String(entry[..<colon])] = Set(entry[entry.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return out
    }
}
