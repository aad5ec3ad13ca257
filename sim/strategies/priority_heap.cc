// PriorityHeap: see priority_heap.h.
#include "sim/strategies/priority_heap.h"

#include "sim/check.h"

namespace sim {

void PriorityHeap::Clear() {
  for (const Entry& e : heap_) position_[e.id] = 0;
  heap_.clear();
}

size_t PriorityHeap::IndexOf(uint32_t id) const {
  POOLCHECK_CHECK(Contains(id), "PriorityHeap: the id is not in the heap");
  return position_[id] - 1;
}

void PriorityHeap::Place(size_t index, Entry e) {
  heap_[index] = e;
  position_[e.id] = static_cast<uint32_t>(index + 1);
}

void PriorityHeap::SiftUp(size_t index) {
  const Entry e = heap_[index];
  while (index > 0) {
    const size_t parent = (index - 1) / 2;
    if (!Above(e, heap_[parent])) break;
    Place(index, heap_[parent]);
    index = parent;
  }
  Place(index, e);
}

void PriorityHeap::SiftDown(size_t index) {
  const Entry e = heap_[index];
  const size_t n = heap_.size();
  while (true) {
    size_t child = 2 * index + 1;
    if (child >= n) break;
    if (child + 1 < n && Above(heap_[child + 1], heap_[child])) ++child;
    if (!Above(heap_[child], e)) break;
    Place(index, heap_[child]);
    index = child;
  }
  Place(index, e);
}

void PriorityHeap::Insert(uint32_t id, uint64_t priority) {
  POOLCHECK_CHECK(!Contains(id), "PriorityHeap: the id is in the heap already");
  if (id >= position_.size()) position_.resize(id + 1, 0);
  heap_.push_back(Entry{priority, id});
  SiftUp(heap_.size() - 1);
}

void PriorityHeap::Erase(uint32_t id) {
  const size_t index = IndexOf(id);
  position_[id] = 0;
  const Entry last = heap_.back();
  heap_.pop_back();
  if (index == heap_.size()) return;
  Place(index, last);
  SiftUp(index);
  SiftDown(position_[last.id] - 1);
}

void PriorityHeap::Update(uint32_t id, uint64_t priority) {
  const size_t index = IndexOf(id);
  heap_[index].priority = priority;
  SiftUp(index);
  SiftDown(position_[id] - 1);
}

}  // namespace sim
