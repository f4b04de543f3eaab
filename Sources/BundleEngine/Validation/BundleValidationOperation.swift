import BundleModel
import BundleRepository
import BundleValidation
import Foundation

/// `validate` as a library call, for every front end: the bundle at (or above) a folder, the targets
/// asked for, variables set by the caller over `BUNDLE_VAR_*`, rules to skip. When validation cannot
/// run at all (no bundle, an unknown target or rule, a malformed variable), the failure carries the
/// report that says so, as `dabrepo validate` prints it. With `cache`, files parsed by an earlier call
/// are reused while their bytes are the same.
public enum BundleValidationOperation {
    /// What to validate.
    public struct Request: Sendable {
        /// The bundle's folder, or (with `walkUp`) a folder inside it.
        public var directory: URL
        public var walkUp: Bool
        public var targets: ValidationRequest.Targets
        /// `name=value` assignments, which win over `BUNDLE_VAR_<name>` in `environment`.
        public var variables: [String]
        public var disabledRules: Set<String>
        public var environment: [String: String]
        /// The names of `environment` that validation reads start with one of these.
        public static let environmentPrefixes = ["BUNDLE_VAR_", "DABREPO_", "DATABRICKS_BUNDLE_ROOT", "DATABRICKS_BUNDLE_TARGET", "DATABRICKS_BUNDLE_ENV"]

        public init(directory: URL, walkUp: Bool = true, targets: ValidationRequest.Targets = .one(nil), variables: [String] = [],
                    disabledRules: Set<String> = [], environment: [String: String]) {
            self.directory = directory
            self.walkUp = walkUp
            self.targets = targets
            self.variables = variables
            self.disabledRules = disabledRules
            self.environment = environment
        }
    }

    /// Validation could not run: the report that says why, the bundle's root when it was found, and
    /// the validator's own error when it raised one (a front end may add how to choose a target).
    public struct SetupFailure: Error, Sendable {
        public var report: ValidationReport
        public var root: URL?
        public var error: ValidationRequest.SetupError?
    }

    /// The bundle's root and its report.
    public static func run(_ request: Request, cache: ParseCache? = nil) throws(SetupFailure) -> (root: URL, report: ValidationReport) {
        let allTargets = request.targets == .all
        let root: URL
        do {
            // No folder named: DATABRICKS_BUNDLE_ROOT's, when set (as the CLI reads it), else the nearest.
            if request.walkUp, let named = try BundleLoader.rootFromEnvironment(request.environment) {
                root = named
            } else {
                root = try BundleLoader.locateRoot(from: request.directory, walkUp: request.walkUp)
            }
        } catch {
            throw SetupFailure(report: .setupFailure(.load(error), allTargets: allTargets), root: nil, error: .load(error))
        }
        // A revision killed half-way is put back first (and said): its half-written files are not the bundle.
        let notices = RevisionJournal.recoverIfInterrupted(near: root)
        // The Databricks CLI reads the root path as part of its include globs, and refuses one with glob
        // characters in it (process_root_includes.go).
        if let char = ["*", "?", "[", "]", "^"].first(where: { root.path.contains($0) }) {
            let message = "Bundle root path contains glob pattern characters: the path to the bundle root \(root.path) contains glob pattern character \"\(char)\"; remove the character from this path (rename the folder) to use bundle commands"
            throw SetupFailure(report: .setupFailure(message, allTargets: allTargets), root: root, error: nil)
        }
        let overrides: VariableOverrides
        do {
            overrides = VariableOverrides.from(commandLine: try VariableOverrides.parseAssignments(request.variables), processEnvironment: request.environment)
        } catch {
            throw SetupFailure(report: .setupFailure(error.description, allTargets: allTargets), root: root, error: nil)
        }
        // No target named: DATABRICKS_BUNDLE_TARGET (or the older DATABRICKS_BUNDLE_ENV), as the CLI reads them
        // (cmd/root/bundle.go); CI that sets them validated the default target.
        var targets = request.targets
        if targets == .one(nil), let named = ["DATABRICKS_BUNDLE_TARGET", "DATABRICKS_BUNDLE_ENV"].lazy.compactMap({ request.environment[$0] }).first(where: { !$0.isEmpty }) {
            targets = .one(named)
        }
        var validation = ValidationRequest(targets: targets, overrides: overrides, disabledRules: request.disabledRules, cache: cache)
        do {
            let disk = DiskFileSource(root: root)
            // A cache kept across calls needs identities that change with every change of content.
            let source: any BundleFileSource = cache == nil ? disk : ContentHashingFileSource(disk)
            // Findings of unchanged files are kept in the repository's git directory (issue 17).
            validation.findingsCache = FindingsCache.directory(forBundleAt: root)
                .flatMap { FindingsCache.in($0, source: source, request: validation, environment: request.environment) }
            var report = try validation.run(source: source)
            report.notices = notices
            return (root, report)
        } catch {
            var report = ValidationReport.setupFailure(error, allTargets: allTargets)
            report.notices = notices
            throw SetupFailure(report: report, root: root, error: error)
        }
    }

    /// The report for the bundle at or above `directory`, variables from `BUNDLE_VAR_*`; a validation
    /// that cannot run is a report that says so (`isSetupFailure`).
    public static func run(in directory: URL, targets: ValidationRequest.Targets, variables: [String] = [],
                           disabledRules: Set<String> = [], environment: [String: String], cache: ParseCache? = nil) -> ValidationReport {
        do {
            return try run(Request(directory: directory, targets: targets, variables: variables, disabledRules: disabledRules,
                                   environment: environment), cache: cache).report
        } catch {
            return error.report
        }
    }
}
