//! hotline-core's modules are layered bottom-up and no module reaches up:
//! foundations (text, errors, regions), the store, the change log the
//! domains write to, the domains, then sync above them and the device and
//! session that tie everything together. Inside each top-level module the
//! submodules form no cycle.
//!
//! This test reads `src/` with `syn` and follows every `crate::`, `super::`
//! and `self::` path (in `use` trees and in code), skipping `#[cfg(test)]`
//! items. It fails on a path into a module declared higher in [`LAYERS`], and
//! on any import cycle among the submodules of one top-level module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Every top-level module of hotline-core, lowest first. A module may use
/// only the modules before it.
const LAYERS: &[&str] = &[
    "codes",
    "csv_out",
    "i18n",
    "error",
    "progress",
    "region",
    "idle",
    "pdf",
    "store",
    "preferences",
    "changes",
    "accounts",
    "audit",
    "categories",
    "calls",
    "referrals",
    "reports",
    "audit_export",
    "backup",
    "backup_schedule",
    "sync",
    "session",
    "updates",
    "device",
    "testkit",
];

type ModulePath = Vec<String>;

fn source_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .expect("cargo test sets CARGO_MANIFEST_DIR")
        .join("src")
}

fn module_path(src: &Path, file: &Path) -> ModulePath {
    let relative = file.strip_prefix(src).expect("under src");
    let mut parts: ModulePath = relative
        .with_extension("")
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The paths a file names that start at `crate`, `super` or `self`.
#[derive(Default)]
struct PathCollector {
    paths: Vec<Vec<String>>,
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

fn flatten_use(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten_use(&path.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(name) => {
            let mut full = prefix.clone();
            if name.ident != "self" {
                full.push(name.ident.to_string());
            }
            out.push(full);
        }
        syn::UseTree::Rename(rename) => {
            let mut full = prefix.clone();
            full.push(rename.ident.to_string());
            out.push(full);
        }
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(group) => {
            for item in &group.items {
                flatten_use(item, prefix, out);
            }
        }
    }
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Mod(item) => &item.attrs,
            syn::Item::Fn(item) => &item.attrs,
            syn::Item::Impl(item) => &item.attrs,
            syn::Item::Use(item) => &item.attrs,
            syn::Item::Struct(item) => &item.attrs,
            syn::Item::Enum(item) => &item.attrs,
            syn::Item::Const(item) => &item.attrs,
            _ => &[],
        };
        if !is_test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !is_test_only(&item.attrs) {
            syn::visit::visit_impl_item_fn(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        flatten_use(&item.tree, &mut Vec::new(), &mut self.paths);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.paths.push(
            path.segments
                .iter()
                .map(|segment| segment.ident.to_string())
                .collect(),
        );
        syn::visit::visit_path(self, path);
    }
}

/// The module a path leads into, or `None` for a path that does not start
/// inside the crate (std, dependencies, local names).
fn resolve(
    from: &ModulePath,
    path: &[String],
    modules: &BTreeSet<ModulePath>,
) -> Option<ModulePath> {
    let (mut base, mut rest) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.clone(), &path[1..]),
        Some("super") => (from.clone(), path),
        _ => return None,
    };
    while rest.first().is_some_and(|segment| segment == "super") {
        base.pop();
        rest = &rest[1..];
    }
    base.extend(rest.iter().cloned());
    (0..=base.len())
        .rev()
        .map(|len| base[..len].to_vec())
        .find(|prefix| modules.contains(prefix))
}

fn is_nested(a: &ModulePath, b: &ModulePath) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn edges() -> BTreeMap<ModulePath, BTreeSet<ModulePath>> {
    let src = source_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let parsed: Vec<(ModulePath, syn::File)> = files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).expect("read");
            let syntax = syn::parse_file(&text)
                .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
            (module_path(&src, file), syntax)
        })
        .collect();
    let modules: BTreeSet<ModulePath> = parsed.iter().map(|(path, _)| path.clone()).collect();
    let mut edges: BTreeMap<ModulePath, BTreeSet<ModulePath>> = BTreeMap::new();
    for (module, syntax) in &parsed {
        let mut collector = PathCollector::default();
        collector.visit_file(syntax);
        let targets = edges.entry(module.clone()).or_default();
        for path in &collector.paths {
            if let Some(target) = resolve(module, path, &modules) {
                if !is_nested(module, &target) {
                    targets.insert(target);
                }
            }
        }
    }
    edges
}

fn name(path: &ModulePath) -> String {
    path.join("::")
}

#[test]
fn no_module_uses_a_module_of_a_higher_layer() {
    let layer_of = |module: &ModulePath| {
        let top = module.first()?;
        Some(
            LAYERS
                .iter()
                .position(|layer| layer == top)
                .unwrap_or_else(|| panic!("`{top}` is not in LAYERS: declare its layer")),
        )
    };
    let mut upward = Vec::new();
    for (from, targets) in edges() {
        let Some(from_layer) = layer_of(&from) else {
            continue;
        };
        for target in targets {
            if layer_of(&target).is_some_and(|to_layer| to_layer > from_layer) {
                upward.push(format!("{} -> {}", name(&from), name(&target)));
            }
        }
    }
    assert!(upward.is_empty(), "upward edges:\n{}", upward.join("\n"));
}

#[test]
fn the_submodules_of_a_module_form_no_cycle() {
    let edges = edges();
    let mut cycles = Vec::new();
    for start in edges.keys() {
        // A cycle through `start`: a path of edges that leads back to it.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((module, trail)) = stack.pop() {
            for next in edges.get(&module).into_iter().flatten() {
                if next.first() != start.first() {
                    continue;
                }
                if next == start {
                    let mut cycle: Vec<String> = trail.iter().map(name).collect();
                    cycle.push(name(start));
                    cycles.push(cycle.join(" -> "));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}
