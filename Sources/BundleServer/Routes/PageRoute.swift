import Hummingbird

/// The page's three files, from the copies compiled into the binary.
enum PageRoute {
    static func response(_ name: String) -> Response {
        let file = PageAssets.files[name.isEmpty ? "index.html" : name] ?? PageAssets.files["index.html"]!
        return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: file.content)))
    }
}
