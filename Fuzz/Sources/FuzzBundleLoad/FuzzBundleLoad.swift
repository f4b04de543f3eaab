import BundleModel
import BundleValidation
import FuzzSupport

/// The YAML composer, the bundle loader and the validator on random bytes and mutated bundles: no
/// crash, no hang, and a file that does not parse yields its own error, not missing-field errors of
/// its contents (issue 18's cascade).
public func fuzzBundleLoad(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, count)
    let files = FuzzInput.bundleFiles(bytes)
    for (path, contents) in files {
        _ = YAMLComposer(file: path).compose(contents)
    }
    let source = InMemoryFileSource(files: files)
    for targets in [ValidationRequest.Targets.one(nil), .all] {
        guard let report = try? ValidationRequest(targets: targets).run(source: source) else { continue }
        let unreadable = Set(report.diagnostics.filter { $0.rule == "yaml-syntax" || $0.rule == "file-encoding" }.compactMap { $0.location?.file })
        for diagnostic in report.diagnostics where diagnostic.rule == "required-field" {
            if let file = diagnostic.location?.file, unreadable.contains(file) {
                FuzzInput.fail("\(file) does not parse, yet a rule reports: \(diagnostic.summary)", bytes)
            }
        }
    }
    return 0
}
