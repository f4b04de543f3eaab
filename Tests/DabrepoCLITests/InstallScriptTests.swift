import Foundation
import TestSupport
import XCTest

/// `scripts/install --binary` (the built debug binary; the tests never build a release one):
/// the binary, completions and manual page in their conventional places, idempotent, and
/// `--uninstall` removes exactly what was installed.
final class InstallScriptTests: CLITestCase {
    static let installed = [
        "bin/dabrepo",
        "share/bash-completion/completions/dabrepo",
        "share/zsh/site-functions/_dabrepo",
        "share/fish/vendor_completions.d/dabrepo.fish",
        "share/man/man1/dabrepo.1",
        "share/dabrepo/install-manifest",
    ]

    func install(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(TestPaths.packageRoot.appendingPathComponent("scripts/install"), arguments, in: workspace.url)
    }

    func shell(_ command: String, environment: [String: String?] = [:]) throws -> CommandResult {
        try CommandRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-c", command], in: workspace.url, environment: environment)
    }

    /// Every file and directory under a directory, relative to it ("dir/" for directories).
    func tree(_ root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        var out: [String] = []
        for case let url as URL in walker {
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            out.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)) + (isDirectory ? "/" : ""))
        }
        return out.sorted()
    }

    func testInstallIsIdempotentAndUninstallRemovesExactlyWhatItInstalled() throws {
        let prefix = workspace.url.appendingPathComponent("prefix")
        try workspace.write(["prefix/bin/other-tool": "#!/bin/sh\n", "prefix/share/man/man1/other.1": ".TH OTHER 1\n"])
        let before = tree(prefix)

        let first = try install(["--binary", TestPaths.dabrepoBinary.path, "--prefix", prefix.path])
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        for path in Self.installed {
            XCTAssertTrue(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) is not installed")
        }
        let manifest = try String(contentsOf: prefix.appendingPathComponent("share/dabrepo/install-manifest"), encoding: .utf8)
        XCTAssertEqual(manifest.split(separator: "\n").filter { !$0.hasPrefix("#") }, [
            "file bin/dabrepo",
            "file share/bash-completion/completions/dabrepo",
            "file share/zsh/site-functions/_dabrepo",
            "file share/fish/vendor_completions.d/dabrepo.fish",
            "file share/man/man1/dabrepo.1",
            "dir share/bash-completion", "dir share/bash-completion/completions", "dir share/dabrepo",
            "dir share/fish", "dir share/fish/vendor_completions.d", "dir share/zsh", "dir share/zsh/site-functions",
        ])
        let installed = try CommandRunner.run(prefix.appendingPathComponent("bin/dabrepo"), ["--version"])
        XCTAssertEqual(installed.stdout, try dabrepo(["--version"]).stdout)

        // Installing again changes nothing.
        let afterFirst = tree(prefix)
        let second = try install(["--binary", TestPaths.dabrepoBinary.path, "--prefix", prefix.path])
        XCTAssertEqual(second.status, 0, second.stdout + second.stderr)
        XCTAssertEqual(tree(prefix), afterFirst)
        XCTAssertEqual(try String(contentsOf: prefix.appendingPathComponent("share/dabrepo/install-manifest"), encoding: .utf8), manifest)

        let uninstall = try install(["--prefix", prefix.path, "--uninstall"])
        XCTAssertEqual(uninstall.status, 0, uninstall.stdout + uninstall.stderr)
        XCTAssertEqual(tree(prefix), before, "what was there before stays, everything installed is gone")
        let again = try install(["--prefix", prefix.path, "--uninstall"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("Nothing to uninstall"), again.stderr)

        // A prefix the installation created goes with the uninstallation.
        let fresh = workspace.url.appendingPathComponent("fresh")
        XCTAssertEqual(try install(["--binary", TestPaths.dabrepoBinary.path, "--prefix", fresh.path]).status, 0)
        XCTAssertEqual(try install(["--prefix", fresh.path, "--uninstall"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.path))
    }

    func testTheManualPageRendersWithoutWarningsAndIsFoundFromPATH() throws {
        let prefix = workspace.url.appendingPathComponent("prefix")
        XCTAssertEqual(try install(["--binary", TestPaths.dabrepoBinary.path, "--prefix", prefix.path]).status, 0)
        let page = prefix.appendingPathComponent("share/man/man1/dabrepo.1").path
        let rendered = try shell("MANWIDTH=100 man --warnings -E UTF-8 -l '\(page)'")
        XCTAssertEqual(rendered.status, 0, rendered.stderr)
        XCTAssertEqual(rendered.stderr, "", "groff warns about the page")
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT"] {
            XCTAssertTrue(rendered.stdout.contains("\n" + section + "\n"), "no \(section) section")
        }
        // Every command --help lists is described, with its options, and the hidden ones are not.
        for text in ["dabrepo validate", "--all-targets", "dabrepo jobs list", "dabrepo hooks", "NO_COLOR", "DATABRICKS_HOST"] {
            XCTAssertTrue(rendered.stdout.contains(text), "the page lacks \(text)")
        }
        XCTAssertFalse(rendered.stdout.contains("help-manpage"))
        XCTAssertEqual(try shell("lexgrog '\(page)'").stdout.contains("\"dabrepo - Keep Databricks Asset Bundles in git"), true)
        // man finds it through PATH (man-db looks in ../share/man of each PATH directory).
        let found = try shell("man -w dabrepo", environment: ["PATH": prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin", "MANPATH": nil])
        XCTAssertEqual(found.stdout.trimmingCharacters(in: .whitespacesAndNewlines), page, found.stderr)
    }

    func testTheBashCompletionCompletesCommandsAndOptions() throws {
        let prefix = workspace.url.appendingPathComponent("prefix")
        XCTAssertEqual(try install(["--binary", TestPaths.dabrepoBinary.path, "--prefix", prefix.path]).status, 0)
        let completion = prefix.appendingPathComponent("share/bash-completion/completions/dabrepo").path
        func complete(_ words: [String]) throws -> [String] {
            let script = """
            source '\(completion)'
            COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _dabrepo dabrepo "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\\n' "${COMPREPLY[@]}"
            """
            let result = try shell(script, environment: ["PATH": prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin"])
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdout.split(separator: "\n").map(String.init)
        }
        XCTAssertEqual(try complete(["dabrepo", "val"]), ["validate"])
        XCTAssertTrue(try complete(["dabrepo", "validate", "--all"]).contains("--all-targets"))
        XCTAssertTrue(try String(contentsOfFile: prefix.appendingPathComponent("share/zsh/site-functions/_dabrepo").path, encoding: .utf8).hasPrefix("#compdef dabrepo"))
        XCTAssertTrue(try String(contentsOfFile: prefix.appendingPathComponent("share/fish/vendor_completions.d/dabrepo.fish").path, encoding: .utf8).contains("complete -c 'dabrepo'"))
    }

    func testAMissingBinaryIsRefusedAndNothingIsInstalled() throws {
        let prefix = workspace.url.appendingPathComponent("prefix")
        let result = try install(["--binary", workspace.url.appendingPathComponent("nope").path, "--prefix", prefix.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("is not an executable dabrepo"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: prefix.path))
    }
}
