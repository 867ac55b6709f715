//! 10,000 iterations of related handles dropped in random order, some on other
//! threads; at the end no native handle is alive. (Its own test binary: the
//! live-handle count is process-wide.)
mod common;

use imapi::{FileSystemImage, Stream};
use std::any::Any;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, (self.next() % (i as u64 + 1)) as usize);
        }
    }
}

#[test]
fn drops_in_any_order_leave_no_live_handles() {
    let mut rng = Rng(0x1234_5678);
    let mut kept: Vec<Box<dyn Any + Send>> = Vec::new();
    let (tx, rx) = std::sync::mpsc::channel::<Vec<Box<dyn Any + Send>>>();
    let dropper = std::thread::spawn(move || for batch in rx { drop(batch) });
    for i in 0..10_000u32 {
        let image = FileSystemImage::new().unwrap();
        let mut root = image.root().unwrap();
        let data = Stream::from_memory(&[1, 2, 3, i as u8]).unwrap();
        let name = format!("f{}", i % 7);
        root.add_file(&name, &data).unwrap();
        let file = root.item(&name).unwrap();
        let mut objs: Vec<Box<dyn Any + Send>> = vec![Box::new(image), Box::new(root), Box::new(data), Box::new(file)];
        if i % 50 == 0 {
            let image = objs[0].downcast_ref::<FileSystemImage>().unwrap();
            let result = image.create_result_image().unwrap();
            let stream = result.image_stream().unwrap();
            objs.push(Box::new(result));
            objs.push(Box::new(stream));
        }
        rng.shuffle(&mut objs);
        match rng.next() % 4 {
            0 => tx.send(objs).unwrap(), // dropped on another thread
            1 => kept.extend(objs),      // dropped later, mixed with other iterations
            _ => drop(objs),             // dropped now, in shuffled order
        }
        if kept.len() > 400 {
            rng.shuffle(&mut kept);
            kept.truncate(200);
        }
    }
    // Handles kept for later are still alive here; they go below, in shuffled order.
    assert!(imapi::live_handles() > 0);
    drop(kept);
    drop(tx);
    dropper.join().unwrap();
    assert_eq!(imapi::live_handles(), 0);
}
