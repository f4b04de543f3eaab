import BundleModel
import BundleValidation
import Foundation

/// `validate` as a library call: the bundle at or above a folder, the targets asked for, variables
/// from `BUNDLE_VAR_*`. When validation cannot run at all (no bundle, an unknown target), the report
/// says so (`isSetupFailure`), as `dabrepo validate` prints it. With `cache`, files parsed by an
/// earlier call are reused while their bytes are the same.
public enum BundleValidationOperation {
    public static func run(in directory: URL, targets: ValidationRequest.Targets, environment: [String: String],
                           cache: ParseCache? = nil) -> ValidationReport {
        let allTargets = targets == .all
        let root: URL
        do {
            root = try BundleLoader.locateRoot(from: directory, walkUp: true)
        } catch {
            return .setupFailure(.load(error), allTargets: allTargets)
        }
        var request = ValidationRequest(targets: targets, overrides: VariableOverrides.from(commandLine: [:], processEnvironment: environment),
                                        cache: cache)
        do {
            let disk = DiskFileSource(root: root)
            // A cache kept across calls needs identities that change with every change of content.
            let source: any BundleFileSource = cache == nil ? disk : ContentHashingFileSource(disk)
            request.findingsCache = FindingsCache.directory(forBundleAt: root)
                .flatMap { FindingsCache.in($0, source: source, request: request, environment: environment) }
            return try request.run(source: source)
        } catch {
            return .setupFailure(error, allTargets: allTargets)
        }
    }
}
