import Foundation
import TestSupport
import XCTest

/// Base for tests of `dabrepo serve` on one bundle: a fresh `nightly_etl` repository and the server on it.
class ServeTestCase: RepositoryTestCase {
    var bundle: URL!
    var server: ServeProcess!
    var client: RawHTTPClient { server.client }

    override func setUpWithError() throws {
        try super.setUpWithError()
        bundle = try initBundle()
        server = try ServeProcess(bundle: bundle, environment: environment)
    }

    override func tearDown() {
        server = nil
        super.tearDown()
    }
}
