// An indexed binary max-heap of goroutine ids by priority, so PCT picks its
// highest-priority runnable goroutine in O(log n) instead of scanning every candidate:
// the runnable set changes by a few goroutines per decision (one blocks, one is woken),
// and each change is an O(log n) insert or erase. Ties go to the lowest id, as the linear
// scan over id-ordered candidates picks the first of equals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim {

class PriorityHeap {
 public:
  void Clear();
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  bool Contains(uint32_t id) const { return id < position_.size() && position_[id] != 0; }

  // Adds `id` (not present) with `priority`.
  void Insert(uint32_t id, uint64_t priority);
  // Removes `id` (present).
  void Erase(uint32_t id);
  // Changes the priority of `id` (present).
  void Update(uint32_t id, uint64_t priority);

  // The highest-priority id (lowest id among equals) and its priority; requires !empty().
  uint32_t TopId() const { return heap_.front().id; }
  uint64_t TopPriority() const { return heap_.front().priority; }

 private:
  struct Entry {
    uint64_t priority;
    uint32_t id;
  };
  static bool Above(const Entry& a, const Entry& b) {
    return a.priority > b.priority || (a.priority == b.priority && a.id < b.id);
  }
  void Place(size_t index, Entry e);
  void SiftUp(size_t index);
  void SiftDown(size_t index);
  size_t IndexOf(uint32_t id) const;

  std::vector<Entry> heap_;
  std::vector<uint32_t> position_;  // by id: index in heap_ + 1; 0 when absent
};

}  // namespace sim
