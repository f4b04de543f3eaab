@testable import BundleModel
import Foundation
import TestSupport
import XCTest

final class BundleLoaderTests: XCTestCase {
    func load(_ files: [String: String]) throws -> LoadedBundle {
        try BundleLoader(source: InMemoryFileSource(texts: files)).load()
    }

    func testFindsTheRootByWalkingUpLikeGit() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["databricks.yml": "bundle:\n  name: demo\n", "resources/deep/x.txt": ""])
        let found = try BundleLoader.locateRoot(from: dir.url.appendingPathComponent("resources/deep"), walkUp: true)
        XCTAssertEqual(found.resolvingSymlinksInPath().path, dir.url.resolvingSymlinksInPath().path)
        XCTAssertThrowsError(try BundleLoader.locateRoot(from: dir.url.appendingPathComponent("resources"), walkUp: false)) { error in
            guard case BundleLoadError.noRootFile = error else { return XCTFail("\(error)") }
        }
    }

    /// Asked at the root of a repository of several bundles, the error names them and how to pick one.
    func testNoBundleHereNamesTheBundlesBelow() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["bundles/etl/databricks.yml": "bundle: {name: etl}\n", "bundles/sales/databricks.yml": "bundle: {name: sales}\n",
                       "bundles/etl/nested/databricks.yml": "bundle: {name: inner}\n", ".hidden/databricks.yml": "bundle: {name: h}\n",
                       "docs/readme.md": ""])
        XCTAssertThrowsError(try BundleLoader.locateRoot(from: dir.url, walkUp: false)) { error in
            XCTAssertEqual(error as? BundleLoadError, .noRootFile(directory: dir.url.standardizedFileURL.path, searchedUpwards: false,
                                                                   below: ["bundles/etl", "bundles/sales"]))
            XCTAssertTrue("\(error)".contains("the bundles are below it: bundles/etl, bundles/sales. Run dabrepo in one (cd bundles/etl), or name it: dabrepo validate bundles/etl, dabrepo serve --repo bundles/etl."), "\(error)")
        }
    }

    func testSeveralRootFilesAreAnError() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["databricks.yml": "bundle:\n  name: a\n", "bundle.yml": "bundle:\n  name: b\n"])
        XCTAssertThrowsError(try BundleLoader.locateRoot(from: dir.url, walkUp: false)) { error in
            XCTAssertTrue("\(error)".contains("databricks.yml, bundle.yml"), "\(error)")
        }
    }

    func testIncludesMergeFilesAndKeepTheirPositions() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
            "resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n",
            "resources/b.job.yml": "resources:\n  jobs:\n    b:\n      name: b\n",
            "resources/notes.txt": "not included",
        ])
        XCTAssertEqual(bundle.files.map(\.path), ["databricks.yml", "resources/a.job.yml", "resources/b.job.yml"])
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys, ["a", "b"])
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?["b"]?["name"]?.location.file, "resources/b.job.yml")
        XCTAssertTrue(bundle.diagnostics.isEmpty, "\(bundle.diagnostics)")
    }

    func testLiteralIncludeThatMatchesNothingIsAnErrorWithSuggestion() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/etl.jobs.yml\n",
            "resources/etl.job.yml": "resources: {}\n",
        ])
        let d = try XCTUnwrap(bundle.diagnostics.first)
        XCTAssertEqual(d.rule, ModelRuleID.include)
        XCTAssertEqual(d.location?.line, 4)
        XCTAssertEqual(d.detail, "Did you mean \"resources/etl.job.yml\"?")
    }

    /// `include: [resources/*]` beside a folder resources/jobs/: the CLI's glob returns the folder, which it
    /// refuses ("must be YAML or JSON files"); it was OK here.
    func testAnIncludeGlobThatMatchesAFolderIsAnError() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*\n",
            "resources/schema.yml": "resources:\n  schemas:\n    s: {name: s, catalog_name: main}\n",
            "resources/jobs/a.yml": "resources: {}\n",
        ])
        XCTAssertEqual(bundle.diagnostics.map(\.rule), [ModelRuleID.include])
        XCTAssertTrue(bundle.diagnostics[0].summary.contains("matches the folder resources/jobs"), bundle.diagnostics[0].summary)
        XCTAssertEqual(bundle.diagnostics[0].location?.line, 4)
        XCTAssertEqual(bundle.files.map(\.path), ["databricks.yml", "resources/schema.yml"])
        let files = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
            "resources/schema.yml": "resources: {}\n",
            "resources/jobs/a.yml": "resources: {}\n",
        ])
        XCTAssertEqual(files.diagnostics.map(\.rule), [])
    }

    /// `name: !Sub etl` (CloudFormation's tag): the CLI stops loading the file ("unknown tag: !Sub"); it
    /// was OK here. Standard tags and tags on lists or mappings stay as they were.
    func testAnUnknownTagOnAValueIsAnError() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: !Sub etl\n      description: !!binary aGVsbG8=\n      tags: !Tags {a: b}\n      max_concurrent_runs: !!int \"2\"\n      timeout_seconds: !!str 60\n",
        ])
        XCTAssertEqual(bundle.diagnostics.map(\.summary), ["unknown tag: !Sub", "unknown tag: !!binary"])
        XCTAssertEqual(bundle.diagnostics.map { $0.location?.line }, [6, 7])
        XCTAssertEqual(bundle.diagnostics.map { $0.location?.column }, [13, 20])
    }

    /// `!!int abc`, `!!bool yes`: the CLI's loader cannot convert the value and stops; `!!int 0x10` is 16.
    func testAStandardTagThatTheValueDoesNotFitIsAnError() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      name: etl\n      max_concurrent_runs: !!int abc\n      timeout_seconds: !!int 0x10\n      description: !!bool yes\n",
        ])
        XCTAssertEqual(bundle.diagnostics.map(\.summary), ["invalid int value: abc", "invalid bool value: yes"])
        XCTAssertEqual(bundle.diagnostics.map { $0.location?.line }, [7, 9])
    }

    func testADidYouMeanPrefersTheNameWithEveryLetter() {
        XCTAssertEqual(Suggestion.closest(to: "taks", among: ["tags", "tasks"]), "tasks")
        XCTAssertEqual(Suggestion.closest(to: "taks", among: ["tasks", "tags"]), "tasks")
        XCTAssertEqual(Suggestion.closest(to: "tagz", among: ["tags", "tasks"]), "tags")
    }

    /// `jobs:` written as a list in one file replaced the other files' jobs, and validate said OK (the CLI warns
    /// "expected map, found sequence" and leaves that file's list out).
    func testASectionOfTheWrongShapeIsLeftOutWithAWarning() throws {
        let bundle = try load([
            "databricks.yml": "bundle: {name: b}\ninclude: [resources/*.yml]\n",
            "resources/a.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n",
            "resources/b.yml": "resources:\n  jobs:\n    - other:\n        name: other\n",
            "resources/c.yml": "resources: pipelines\n",
        ])
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys, ["etl"])
        let warnings = bundle.diagnostics.filter { $0.rule == ModelRuleID.fieldType }
        XCTAssertEqual(warnings.map(\.summary), ["expected map, found sequence", "expected map, found string"])
        XCTAssertEqual(warnings.map { "\($0.location!.file):\($0.location!.line):\($0.location!.column)" }, ["resources/b.yml:3:5", "resources/c.yml:1:12"])
        XCTAssertEqual(warnings.map(\.path), ["resources.jobs", "resources"])
        XCTAssertTrue(warnings.allSatisfy { $0.severity == .warning })
    }

    func testResourceDefinedInTwoFiles() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n",
            "resources/a.yml": "resources:\n  jobs:\n    etl:\n      name: a\n",
            "resources/b.yml": "resources:\n  jobs:\n    etl:\n      name: b\n",
        ])
        XCTAssertEqual(bundle.diagnostics.map(\.rule), [ModelRuleID.resourceDefinedTwice])
        XCTAssertTrue(bundle.diagnostics[0].summary.contains("resources/a.yml:3:5"), bundle.diagnostics[0].summary)
    }

    /// A target's overrides of one job in two files merge (Ecardunk/data-master-healthlake: alerts.prod.yml
    /// and vitals_streaming.prod.yml), as the CLI leaves them; they were once an error.
    func testATargetsOverridesOfOneResourceInTwoFilesMerge() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\ntargets:\n  prod: {}\n",
            "resources/etl.yml": "resources:\n  jobs:\n    etl:\n      name: etl\n",
            "resources/alerts.prod.yml": "targets:\n  prod:\n    resources:\n      jobs:\n        etl:\n          email_notifications: {on_failure: [ops@example.com]}\n",
            "resources/schedule.prod.yml": "targets:\n  prod:\n    resources:\n      jobs:\n        etl:\n          schedule: {quartz_cron_expression: 0 0 2 * * ?}\n",
        ])
        XCTAssertEqual(bundle.diagnostics.map(\.rule), [])
        let prod = bundle.effectiveConfiguration(target: "prod").configuration["resources"]?["jobs"]?["etl"]
        XCTAssertEqual(prod?["email_notifications"]?["on_failure"]?.sequence?.first?.string, "ops@example.com")
        XCTAssertEqual(prod?["schedule"]?["quartz_cron_expression"]?.string, "0 0 2 * * ?")
    }

    func testSymlinkLoopsEnd() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n  - resources/*/*.yml\n  - resources/*/*/*.yml\n",
                       "resources/a.job.yml": "resources:\n  jobs:\n    a:\n      name: a\n"])
        try FileManager.default.createSymbolicLink(atPath: dir.url.appendingPathComponent("resources/loop").path,
                                                   withDestinationPath: dir.url.appendingPathComponent("resources").path)
        let bundle = try BundleLoader(source: DiskFileSource(root: dir.url)).load()
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys, ["a"])
    }

    /// `include:` globs match as the Databricks CLI's (Go's filepath.Glob): `**` is `*`, one directory
    /// level, and braces are literal. What a recursive `**` would add is named in a warning.
    func testIncludeGlobsMatchAsTheCLIs() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/**/*.yml\n",
            "resources/top.job.yml": "resources:\n  jobs:\n    top:\n      name: top\n",
            "resources/etl/nested.job.yml": "resources:\n  jobs:\n    nested:\n      name: nested\n",
        ])
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys, ["nested"])
        XCTAssertEqual(bundle.diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(bundle.diagnostics.first?.summary, "include \"resources/**/*.yml\" does not include resources/top.job.yml")
    }

    /// process_root_includes.go seeds the files it has seen with the root file names: that `**/*.yml`
    /// also matches databricks.yml (recursively read) misses nothing. A deeper file is still named.
    func testARecursiveIncludeDoesNotNameTheRootFile() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - \"**/*.yml\"\n",
            "resources/flat.yml": "resources:\n  jobs:\n    flat:\n      name: flat\n",
        ])
        XCTAssertEqual(bundle.configuration["resources"]?["jobs"]?.mapping?.keys, ["flat"])
        XCTAssertEqual(bundle.diagnostics.map(\.summary), [])
        let deeper = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - \"**/*.yml\"\n",
            "resources/flat.yml": "resources:\n  jobs:\n    flat:\n      name: flat\n",
            "resources/sub/deep.yml": "resources:\n  jobs:\n    deep:\n      name: deep\n",
        ])
        XCTAssertEqual(deeper.diagnostics.map(\.summary), ["include \"**/*.yml\" does not include resources/sub/deep.yml"])
    }

    func testIncludeOutsideTheRootThroughDotDot() throws {
        let dir = try TemporaryDirectory()
        try dir.write(["app/databricks.yml": "bundle:\n  name: demo\ninclude:\n  - ../common/*.yml\n  - ../missing.yml\n",
                       "common/vars.yml": "variables:\n  catalog:\n    default: main\n"])
        let bundle = try BundleLoader(source: DiskFileSource(root: dir.url.appendingPathComponent("app"))).load()
        XCTAssertEqual(bundle.configuration["variables"]?["catalog"]?["default"]?.string, "main")
        XCTAssertEqual(bundle.diagnostics.map(\.rule), [ModelRuleID.includeOutsideRoot, ModelRuleID.include])
        XCTAssertTrue(bundle.diagnostics[1].summary.contains("../missing.yml"), bundle.diagnostics[1].summary)
    }

    func testIncludeOnlyInRootFile() throws {
        let bundle = try load([
            "databricks.yml": "bundle:\n  name: demo\ninclude:\n  - a.yml\n",
            "a.yml": "include:\n  - b.yml\n",
            "b.yml": "resources: {}\n",
        ])
        XCTAssertEqual(bundle.diagnostics.map(\.rule), [ModelRuleID.includeInIncludedFile])
        XCTAssertEqual(bundle.diagnostics.map(\.severity), [.warning], "the CLI warns and ignores it")
        XCTAssertEqual(bundle.files.count, 2, "an include outside the root file is not followed")
    }
}
