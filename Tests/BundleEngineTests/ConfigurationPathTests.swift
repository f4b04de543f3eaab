import BundleEngine
import XCTest

final class ConfigurationPathTests: XCTestCase {
    func testReadsKeysEntriesAndPositions() throws {
        let path = try ConfigurationPath(parsing: "targets.dev.resources.jobs.x.job_clusters[job_cluster_key=etl].new_cluster.num_workers")
        XCTAssertEqual(path.components, [.key("targets"), .key("dev"), .key("resources"), .key("jobs"), .key("x"), .key("job_clusters"),
                                         .identity(field: "job_cluster_key", value: "etl"), .key("new_cluster"), .key("num_workers")])
        XCTAssertEqual(try ConfigurationPath(parsing: "resources.jobs.x.tasks[2].depends_on[0].task_key").components,
                       [.key("resources"), .key("jobs"), .key("x"), .key("tasks"), .index(2), .key("depends_on"), .index(0), .key("task_key")])
    }

    func testQuotedKeysMayHoldDotsAndBrackets() throws {
        let path = try ConfigurationPath(parsing: "resources.jobs.x.tags[\"cost.center\"]")
        XCTAssertEqual(path.components, [.key("resources"), .key("jobs"), .key("x"), .key("tags"), .key("cost.center")])
        XCTAssertEqual(path.description, "resources.jobs.x.tags[\"cost.center\"]")
        XCTAssertEqual(try ConfigurationPath(parsing: "variables['a]b']").components, [.key("variables"), .key("a]b")])
        XCTAssertEqual(try ConfigurationPath(parsing: path.description), path, "the description reads back as the same path")
    }

    func testEntryValuesMayHoldDotsAndQuotes() throws {
        XCTAssertEqual(try ConfigurationPath(parsing: "a.tasks[task_key=\"v1.2\"].b").components,
                       [.key("a"), .key("tasks"), .identity(field: "task_key", value: "v1.2"), .key("b")])
    }

    func testMalformedPathsSayWhatIsWrong() {
        for (text, reason) in [("a..b", "empty"), (".a", "empty"), ("a.", "empty"), ("a[0", "not closed"), ("a]", "without"),
                               ("a[x]", "neither"), ("a[-1]", "0 or more"), ("a[0]b", "expected . or ["), ("a[=x]", "[field=value]")] {
            XCTAssertThrowsError(try ConfigurationPath(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(reason), "\(text): \(error)")
                XCTAssertTrue("\(error)".contains("\"\(text)\""), "names the path: \(error)")
            }
        }
    }
}
