@testable import BundleValidation
import BundleModel
import Foundation
import TestSupport
import XCTest

/// Large bundles validate their targets one after the other (peak memory under 1 GB at 20,000 jobs);
/// the findings are the same as when the targets run at once, on every fixture and corpus bundle.
final class TargetsOneAtATimeTests: XCTestCase {
    func testOneTargetAtATimeFindsWhatAllAtOnceFinds() throws {
        var directories = TestPaths.bundleDirectories(under: TestPaths.packageRoot.appendingPathComponent("Tests"))
        if let shared = TestPaths.shared { directories += TestPaths.bundleDirectories(under: shared.appendingPathComponent("corpus/bundle-examples")) }
        XCTAssertGreaterThan(directories.count, 20)
        let saved = Validator.filesForOneTargetAtATime
        defer { Validator.filesForOneTargetAtATime = saved }
        var compared = 0
        for directory in directories {
            guard let bundle = try? BundleLoader(source: DiskFileSource(root: directory)).load(), bundle.targetNames.count > 1 else { continue }
            let targets = bundle.targetNames.map { Optional($0) }
            Validator.filesForOneTargetAtATime = Int.max
            let atOnce = Validator().validate(bundle, targets: targets)
            Validator.filesForOneTargetAtATime = 0
            let oneAtATime = Validator().validate(bundle, targets: targets)
            XCTAssertEqual(oneAtATime, atOnce, directory.path)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 10)
    }
}
