import BundleModel

/// The regular files under a bundle's root, breadth first (shallow files first), through its file source:
/// the working tree, or the staged snapshot in the pre-commit hook. Rules that look at every file walk
/// the tree with it.
enum BundleTreeWalk {
    /// Calls `visit` with each file's path until it returns false, at most `limit` files (false is
    /// returned when the limit stopped the walk). A directory `enter` refuses is not walked; one that
    /// `standIn` names is not walked either, and that one file inside it is visited in its place.
    static func files(in source: any BundleFileSource, limit: Int, enter: (String) -> Bool = { _ in true },
                      standIn: [String: String] = [:], _ visit: (String) -> Bool) -> Bool {
        var queue = [""]
        var seen = Set<String>()
        var count = 0
        var next = 0
        while next < queue.count {
            let directory = queue[next]
            next += 1
            if source.mayLink, let id = source.directoryIdentity(directory) {
                guard seen.insert(id).inserted else { continue }
            }
            let entries = source.entries(ofDirectory: directory)
            for name in entries.files.sorted() {
                count += 1
                if count > limit { return false }
                if !visit(directory.isEmpty ? name : directory + "/" + name) { return true }
            }
            for name in entries.directories.sorted() where enter(name) {
                let path = directory.isEmpty ? name : directory + "/" + name
                if let file = standIn[name] {
                    count += 1
                    if !visit(path + "/" + file) { return true }
                    continue
                }
                queue.append(path)
            }
        }
        return true
    }
}
