import BundleModel
import Foundation

/// What `dabrepo upload` sends where: the bundle's files below the target's workspace file path, as the
/// Databricks CLI's deploy syncs them. Source notebooks (`# Databricks notebook source` and the SQL,
/// Scala and R headers) and `.ipynb` files become notebooks without their extension; everything else is
/// imported as a workspace file.
public struct BundleUploadPlan: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case notebook(language: String)
        case jupyter
        case file
    }

    public struct Item: Sendable, Equatable {
        /// Relative to the bundle root.
        public var local: String
        /// The absolute workspace path.
        public var remote: String
        public var kind: Kind
    }

    /// The workspace folder the files go to.
    public var destination: String
    public var items: [Item]
    /// Workspace folders to create first (parents before children).
    public var folders: [String]

    /// - Parameters:
    ///   - files: candidate files relative to the bundle root (git-ignored ones already left out).
    ///   - read: a file's bytes.
    ///   - excluded: whether the target's `sync.exclude` leaves a file out (`SyncPattern.matcher`); files its
    ///     `sync.include` takes back are among `files` already, as the CLI's file list is (git ∪ include) − exclude.
    public init(files: [String], read: (String) -> Data?, destination: String, excluded: (String) -> Bool = { _ in false }) {
        var items: [Item] = []
        for file in Set(files).sorted() {
            if excluded(file) { continue }
            let head = read(file).map { String(decoding: $0.prefix(64), as: UTF8.self) } ?? ""
            let remote = destination + "/" + file
            if let language = Self.notebookLanguage(path: file, head: head) {
                items.append(Item(local: file, remote: Self.droppingExtension(remote), kind: .notebook(language: language)))
            } else if file.hasSuffix(".ipynb") {
                items.append(Item(local: file, remote: Self.droppingExtension(remote), kind: .jupyter))
            } else {
                items.append(Item(local: file, remote: remote, kind: .file))
            }
        }
        var folders: Set<String> = [destination]
        for item in items {
            var folder = (item.remote as NSString).deletingLastPathComponent
            while folder.count > destination.count, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        self.destination = destination
        self.items = items
        self.folders = folders.sorted()
    }

    /// The language of a Databricks source notebook, from its extension and first line; nil for other files.
    /// Every item's content, keyed by its remote path, read before anything is uploaded: a file that
    /// cannot be read stops the upload with its name (it would otherwise go up empty).
    public func contents(from source: any BundleFileSource) throws(UnreadableFile) -> [String: Data] {
        var out: [String: Data] = [:]
        for item in items {
            let data: Data?
            do { data = try source.read(item.local) } catch { throw UnreadableFile(path: item.local, reason: "\(error)") }
            guard let data else { throw UnreadableFile(path: item.local, reason: "it is gone") }
            out[item.remote] = data
        }
        return out
    }

    /// A file of the plan that could not be read.
    public struct UnreadableFile: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot read \(path): \(reason); nothing was uploaded" }
    }

    public static func notebookLanguage(path: String, head: String) -> String? {
        // The first line as validate reads it (a CRLF file's too: a split on "\n" missed "\r\n", and such a
        // notebook was uploaded as a plain file).
        let firstLine = DiskFileSource.firstLine(of: Data(head.utf8))
        switch (path as NSString).pathExtension.lowercased() {
        case "py": return firstLine == "# Databricks notebook source" ? "PYTHON" : nil
        case "sql": return firstLine == "-- Databricks notebook source" ? "SQL" : nil
        case "scala": return firstLine == "// Databricks notebook source" ? "SCALA" : nil
        case "r": return firstLine == "# Databricks notebook source" ? "R" : nil
        default: return nil
        }
    }

    /// The target's workspace file path: `workspace.file_path`, else `workspace.root_path` + `/files`,
    /// else the CLI's default `/Workspace/Users/<user>/.bundle/<bundle>/<target>/files`, with the
    /// current user's references filled in.
    public static func destination(configuration: EffectiveConfiguration, bundleName: String, userName: String) -> String {
        let workspace = configuration["workspace"]
        let shortName = String(userName.split(separator: "@").first ?? Substring(userName))
        func fill(_ text: String) -> String {
            var text = text
            for (reference, value) in [("${workspace.current_user.userName}", userName), ("${workspace.current_user.short_name}", shortName),
                                       ("${bundle.name}", bundleName), ("${bundle.target}", configuration.targetName)] {
                text = text.replacingOccurrences(of: reference, with: value)
            }
            return text
        }
        let root = fill(workspace?["root_path"]?.string ?? "/Workspace/Users/${workspace.current_user.userName}/.bundle/${bundle.name}/${bundle.target}")
        var path = fill(workspace?["file_path"]?.string?.replacingOccurrences(of: "${workspace.root_path}", with: root) ?? root + "/files")
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    private static func droppingExtension(_ path: String) -> String {
        (path as NSString).deletingPathExtension
    }
}
