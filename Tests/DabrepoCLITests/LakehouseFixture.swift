import Foundation
import TestSupport

extension RepositoryTestCase {
    /// The lakehouse fixture (two jobs, two pipelines, dev/staging/prod) in a new git repository with one commit.
    func lakehouse() throws -> URL {
        let bundle = try copyFixture("lakehouse", to: "lakehouse")
        try git(["init", "-q", "-b", "main"], in: bundle)
        try git(["add", "-A"], in: bundle)
        try git(["commit", "-qm", "Lakehouse bundle"], in: bundle)
        return bundle
    }
}
