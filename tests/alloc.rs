//! The hot path allocates nothing: `required_for`, `evaluate`, and walking `missing()`,
//! `excess()` (with `needed_by`) and `remediation()`. Counted by a global allocator that counts
//! the allocations of the current thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use halopsa_privileges::{
    required_for, AccessLevel, AgentFlags, Area, Flow, Flows, Grant, Known, LevelBounds,
    Privileges, Report, Requirements, Scopes,
};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    black_box(f());
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_counter_sees_allocations() {
    // The check below would pass trivially if the counter were broken.
    assert!(allocations(|| vec![1u8; 16]) >= 1);
}

#[test]
fn the_hot_path_allocates_nothing() {
    let grants = [
        Privileges::none(),
        Privileges::none()
            .with_scopes(Scopes::READ_CUSTOMERS | Scopes::READ_ITEMS | Scopes::READ_INVOICES)
            .with_level(Area::Clients, AccessLevel::Read)
            .with_level(Area::Items, AccessLevel::Read)
            .with_level(Area::Invoices, AccessLevel::Read),
        Privileges::everything(),
        Privileges::none()
            .with_scopes(Scopes::ALL)
            .with_flags(AgentFlags::ADMINISTRATOR),
    ];
    for bits in 0..32u8 {
        let flows = Flows::from_bits_truncate(bits);
        for granted in &grants {
            let n = allocations(|| {
                let needed = required_for(black_box(flows));
                let report = needed.evaluate(black_box(granted));
                let mut sum = 0u32;
                for finding in report.missing().chain(report.excess()) {
                    sum += u32::from(black_box(finding).needed_by().bits());
                }
                for step in report.remediation() {
                    sum += u32::from(black_box(step).unblocks().bits());
                }
                (report.blocked(), sum)
            });
            assert_eq!(n, 0, "flows {flows}: {n} allocations");
            // The partial path too, for several states of knowledge.
            for known in [
                Known::APPLICATION,
                Known::AGENT,
                Known::empty(),
                Known::all() - Known::INVOICES - Known::ALL_CLIENTS,
            ] {
                let n = allocations(|| {
                    let report = required_for(black_box(flows))
                        .evaluate_partial(black_box(granted), black_box(known));
                    let mut sum = 0u32;
                    for finding in report
                        .missing()
                        .chain(report.excess())
                        .chain(report.to_verify())
                        .chain(report.open())
                    {
                        sum += u32::from(black_box(finding).needed_by().bits());
                    }
                    for step in report.remediation() {
                        sum += u32::from(black_box(step).needed_by().bits());
                    }
                    (report.verdict(Flow::CustomersSync), sum)
                });
                assert_eq!(n, 0, "flows {flows}, known {known:?}: {n} allocations");
            }
            // Bounds: the agent and two roles, one of them known only in part.
            let grant = Grant::full(*granted)
                .join(&Grant::unknown().with_scopes(Scopes::all(), Some(false)))
                .with_level(
                    Area::Invoices,
                    LevelBounds::from_at_least(AccessLevel::Read),
                );
            let n = allocations(|| {
                let report = required_for(black_box(flows)).evaluate_grant(black_box(&grant));
                let mut sum = 0u32;
                for finding in report
                    .missing()
                    .chain(report.excess())
                    .chain(report.may_exceed())
                    .chain(report.to_verify())
                    .chain(report.open())
                {
                    sum += u32::from(black_box(finding).needed_by().bits());
                }
                for step in report.remediation() {
                    sum += u32::from(black_box(step).needed_by().bits());
                }
                sum += report.assumptions().count() as u32 + report.open_points().count() as u32;
                (report.verdict(Flow::CustomersSync), sum)
            });
            assert_eq!(n, 0, "flows {flows}, bounds: {n} allocations");
        }
    }
}

#[test]
fn values_are_copy_and_small() {
    fn copy<T: Copy>() {}
    copy::<Report>();
    copy::<Requirements>();
    copy::<Privileges>();
    let report = std::mem::size_of::<Report>();
    assert!(report <= 128, "size_of::<Report>() is {report}");
    println!(
        "size_of: Report {report}, Requirements {}, Privileges {}",
        std::mem::size_of::<Requirements>(),
        std::mem::size_of::<Privileges>()
    );
}
