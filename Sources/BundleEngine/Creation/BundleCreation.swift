import BundleRepository
import Foundation

/// Creates a bundle repository from a template (`BundleInitializer`): the files, git's hooks, the
/// semantic diff driver when asked for, and the first commit, or a refusal that wrote nothing.
public struct BundleCreation: Sendable {
    public struct Request: Sendable {
        /// Where the bundle goes (a new or empty folder).
        public var directory: URL
        public var template: String
        /// The bundle name (nil: the folder's name, made into an identifier).
        public var name: String?
        public var author: String?
        /// The dabrepo executable the hook and the diff driver call.
        public var executablePath: String
        /// Set up git's semantic diff of the bundle files.
        public var diffDriver: Bool

        public init(directory: URL, template: String = "default-python", name: String? = nil, author: String? = nil,
                    executablePath: String, diffDriver: Bool = true) {
            self.directory = directory
            self.template = template
            self.name = name
            self.author = author
            self.executablePath = executablePath
            self.diffDriver = diffDriver
        }
    }

    public struct Result: Sendable, Encodable {
        public var bundleName: String
        public var template: String
        /// The bundle's folder (absolute).
        public var directory: String
        /// The files created, relative to the bundle folder.
        public var files: [String]
        /// A new git repository was made (false: the bundle was added to the one it is in).
        public var createdRepository: Bool
        /// The pre-commit hook, in words.
        public var hook: String
        /// git's semantic diff, in words; nil when it was not asked for.
        public var diffDriver: String?
        public var commit: String
        public var shortCommit: String

        /// The first commit's subject.
        public var subject: String { "Initialize bundle \(bundleName) from template \(template)" }

        // (snake_case, as every other JSON dabrepo prints.)
        enum CodingKeys: String, CodingKey {
            case template, directory, files, hook, commit
            case bundleName = "bundle_name", createdRepository = "created_repository", diffDriver = "diff_driver", shortCommit = "short_commit"
        }
    }

    public init() {}

    public func run(_ request: Request) throws(EngineError) -> Result {
        let initializer = BundleInitializer(directory: request.directory, templateName: request.template, bundleName: request.name,
                                            authorOverride: request.author, executablePath: request.executablePath,
                                            diffDriver: request.diffDriver)
        let made: BundleInitializer.Result
        do { made = try initializer.run() } catch { throw EngineError(error) }
        return Result(bundleName: made.bundleName, template: request.template, directory: made.directory.path, files: made.files,
                      createdRepository: made.createdRepository, hook: made.hookStatus.description,
                      diffDriver: made.diffDriver?.description, commit: made.commit.description, shortCommit: made.commit.short)
    }
}
