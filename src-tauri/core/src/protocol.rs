//! The `img://` protocol of SPEC §6, as a plain function from an HTTP request
//! to an HTTP response so it is tested and benchmarked without a webview.
//!
//! Only a parsed `ImageHash` ever reaches the store: the URL's text is never
//! joined onto a path. Successful answers are immutable (the name is the hash
//! of the bytes); errors are never cached.

use std::fs;
use std::io::{Read, Seek, SeekFrom};

use http::header::{self, HeaderValue};
use http::{Method, Request, Response, StatusCode};

use crate::images::thumbnail::{self, WIDTHS};
use crate::images::{ImageError, ImageFormat, ImageHash, ImageStore};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// What a request asks for, once its URL was checked.
#[derive(Debug, PartialEq, Eq)]
pub struct ImgTarget {
    pub hash: ImageHash,
    pub width: Option<u32>,
}

/// Parse `img://localhost/{hash}[?w=N]` or `http(s)://img.localhost/{hash}[?w=N]`.
pub fn parse_target(uri: &http::Uri) -> Result<ImgTarget, &'static str> {
    let host_ok = match (uri.scheme_str(), uri.host()) {
        (Some("img"), Some("localhost")) => true,
        (Some("http" | "https"), Some("img.localhost")) => true,
        _ => false,
    };
    if !host_ok {
        return Err("unexpected scheme or host");
    }
    let path = uri.path();
    let raw = path.strip_prefix('/').ok_or("missing hash")?;
    let hash = ImageHash::parse(raw).map_err(|_| "not an image hash (expected 32 lower-case hex characters)")?;
    let mut width = None;
    if let Some(query) = uri.query() {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("w", v)) => {
                    let w: u32 = v.parse().map_err(|_| "w must be a whole number")?;
                    if !WIDTHS.contains(&w) {
                        return Err("w must be one of 128, 256, 512, 1024");
                    }
                    width = Some(w);
                }
                _ => return Err("unknown query parameter"),
            }
        }
    }
    Ok(ImgTarget { hash, width })
}

/// Answer one request.
pub fn handle<B>(store: &ImageStore, req: &Request<B>) -> Response<Vec<u8>> {
    match *req.method() {
        Method::GET | Method::HEAD => {}
        Method::OPTIONS => return preflight(),
        _ => return error(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD are allowed"),
    }
    let target = match parse_target(req.uri()) {
        Ok(t) => t,
        Err(msg) => return error(StatusCode::BAD_REQUEST, msg),
    };
    let (path, format, etag) = match target.width {
        None => match store.find(&target.hash) {
            Some(found) => (found.path, found.format, format!("\"{}\"", target.hash)),
            None => return error(StatusCode::NOT_FOUND, "no image with this hash"),
        },
        Some(w) => match thumbnail::get_or_create(store, &target.hash, w) {
            Ok(t) => (t.path, t.format, format!("\"{}-w{w}\"", target.hash)),
            Err(ImageError::NotFound(_)) => return error(StatusCode::NOT_FOUND, "no image with this hash"),
            Err(e) => {
                tracing::warn!(hash = %target.hash, error = %e, "thumbnail failed");
                return error(StatusCode::INTERNAL_SERVER_ERROR, "the thumbnail could not be made");
            }
        },
    };

    if let Some(inm) = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        if inm.split(',').any(|t| t.trim() == etag || t.trim() == "*") {
            let mut resp = base(StatusCode::NOT_MODIFIED, format, &etag);
            resp.headers_mut().remove(header::CONTENT_TYPE);
            return resp;
        }
    }

    match serve_file(&path, req, format, &etag) {
        Ok(resp) => resp,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => error(StatusCode::NOT_FOUND, "no image with this hash"),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "image read failed");
            error(StatusCode::INTERNAL_SERVER_ERROR, "the image could not be read")
        }
    }
}

fn serve_file<B>(path: &std::path::Path, req: &Request<B>, format: ImageFormat, etag: &str) -> std::io::Result<Response<Vec<u8>>> {
    let head = req.method() == Method::HEAD;
    let range = req.headers().get(header::RANGE).and_then(|v| v.to_str().ok());
    let mut file = fs::File::open(path)?;
    let len = file.metadata()?.len();

    if let Some(range) = range {
        let parsed = http_range_header::parse_range_header(range).ok().map(|r| r.validate(len));
        match parsed {
            Some(Ok(ranges)) if ranges.len() == 1 => {
                let (start, end) = (*ranges[0].start(), *ranges[0].end());
                let count = end - start + 1;
                let mut body = Vec::new();
                if !head {
                    file.seek(SeekFrom::Start(start))?;
                    body = Vec::with_capacity(count as usize);
                    (&mut file).take(count).read_to_end(&mut body)?;
                }
                let mut resp = base(StatusCode::PARTIAL_CONTENT, format, etag);
                let h = resp.headers_mut();
                h.insert(header::CONTENT_RANGE, value(&format!("bytes {start}-{end}/{len}")));
                h.insert(header::CONTENT_LENGTH, value(&count.to_string()));
                *resp.body_mut() = body;
                return Ok(resp);
            }
            Some(Err(_)) => {
                let mut resp = error(StatusCode::RANGE_NOT_SATISFIABLE, "range not satisfiable");
                resp.headers_mut().insert(header::CONTENT_RANGE, value(&format!("bytes */{len}")));
                return Ok(resp);
            }
            // Several ranges or an unparsable header: the whole file is a valid answer.
            _ => {}
        }
    }

    let mut body = Vec::new();
    if !head {
        body = Vec::with_capacity(len as usize);
        file.read_to_end(&mut body)?;
    }
    let mut resp = base(StatusCode::OK, format, etag);
    resp.headers_mut().insert(header::CONTENT_LENGTH, value(&len.to_string()));
    *resp.body_mut() = body;
    Ok(resp)
}

fn value(s: &str) -> HeaderValue {
    HeaderValue::from_str(s).expect("header values built here are ASCII")
}

fn base(status: StatusCode, format: ImageFormat, etag: &str) -> Response<Vec<u8>> {
    let mut resp = Response::new(Vec::new());
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.mime()));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    h.insert(header::ETAG, value(etag));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Content-Length, Content-Range, ETag"));
    resp
}

fn error(status: StatusCode, message: &str) -> Response<Vec<u8>> {
    let mut resp = Response::new(message.as_bytes().to_vec());
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    resp
}

fn preflight() -> Response<Vec<u8>> {
    let mut resp = Response::new(Vec::new());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    let h = resp.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, HEAD, OPTIONS"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Range, If-None-Match"));
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    resp
}
