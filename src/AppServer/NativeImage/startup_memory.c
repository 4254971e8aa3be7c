/*
 * Start-up memory of the Linux NativeAOT binary (README.md beside this file; README, "Performance").
 *
 * Before main(), the runtime expands about 1.5 MB of "dehydrated" type data from .rodata into
 * about 2.9 MB of zero-filled .hydrated memory. Two things make that cheaper:
 *
 *  - populate: the destination is faulted in by one madvise(MADV_POPULATE_WRITE) call from an ELF
 *    constructor, instead of one page fault per 4 KiB page while the runtime writes it;
 *  - release: once managed code runs, the dehydrated source is never read again, so its whole
 *    pages are dropped from this process's mapping with madvise(MADV_DONTNEED). They are clean,
 *    read-only file pages: the page cache keeps them, and a stray read would fault them back in.
 *
 * Both find the data through the module's ReadyToRun header (the __modules section points at it),
 * check its signature and row size, and touch only what lies in the main executable's segments:
 * the populate writable pages it owns, the release read-only ones. Anything unexpected (another
 * layout, a kernel before 5.14) leaves the pages to fault and stay as they would without this file.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

#define READY_TO_RUN_SIGNATURE 0x00525452u /* "RTR" */
#define SECTION_DEHYDRATED_DATA 207

struct ready_to_run_header
{
    uint32_t signature;
    uint16_t major_version;
    uint16_t minor_version;
    uint32_t flags;
    uint16_t number_of_sections;
    uint8_t entry_size;
    uint8_t entry_type;
};

struct module_section
{
    int32_t section_id;
    int32_t flags;
    const char *start;
    const char *end;
};

/* ILC places a pointer to each module's header in the __modules section. */
extern void *__start___modules[];
extern void *__stop___modules[];
/* The end of the image's zero-filled data; .hydrated is its last section. */
extern char _end[];

static int64_t s_populated_bytes;

static int find_dehydrated_data(const char **start, const char **end)
{
    if (__stop___modules - __start___modules < 1)
        return 0;
    const struct ready_to_run_header *header = __start___modules[0];
    if (header->signature != READY_TO_RUN_SIGNATURE || header->entry_size != sizeof(struct module_section))
        return 0;
    const struct module_section *sections = (const struct module_section *)(header + 1);
    for (int i = 0; i < header->number_of_sections; i++)
    {
        if (sections[i].section_id == SECTION_DEHYDRATED_DATA && sections[i].end > sections[i].start + sizeof(int32_t))
        {
            *start = sections[i].start;
            *end = sections[i].end;
            return 1;
        }
    }
    return 0;
}

struct segment_query
{
    uintptr_t start;
    uintptr_t end;
    int writable;
    int contained;
};

/* Whether [start, end) lies inside one loaded segment of the main executable (the first object
   dl_iterate_phdr reports) with the wanted write permission. */
static int check_segment(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct segment_query *query = data;
    for (int i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        uintptr_t low = info->dlpi_addr + segment->p_vaddr;
        uintptr_t high = low + segment->p_memsz;
        if (segment->p_type == PT_LOAD && ((segment->p_flags & PF_W) != 0) == query->writable && query->start >= low && query->end <= high)
            query->contained = 1;
    }
    return 1; /* the main executable only */
}

static int in_executable_segment(uintptr_t start, uintptr_t end, int writable)
{
    struct segment_query query = { start, end, writable, 0 };
    dl_iterate_phdr(check_segment, &query);
    return query.contained;
}

__attribute__((constructor)) static void populate_hydrated_data(void)
{
    const char *start, *end;
    if (!find_dehydrated_data(&start, &end))
        return;
    /* The dehydrated data opens with a 32-bit pointer, relative to itself, to where it expands
       (it need not be aligned, hence the copy). */
    int32_t offset;
    memcpy(&offset, start, sizeof offset);
    const char *destination = start + offset;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t first = ((uintptr_t)destination + page - 1) & ~(page - 1);
    uintptr_t last = ((uintptr_t)_end + page - 1) & ~(page - 1);
    if (last > first && in_executable_segment(first, (uintptr_t)_end, 1) && madvise((void *)first, last - first, MADV_POPULATE_WRITE) == 0)
        s_populated_bytes = (int64_t)(last - first);
}

/* Called from managed code once the runtime has started. Returns the bytes released and, through
   populated_bytes, what the constructor populated. */
int64_t appserver_release_dehydrated_data(int64_t *populated_bytes)
{
    *populated_bytes = s_populated_bytes;
    const char *start, *end;
    if (!find_dehydrated_data(&start, &end))
        return 0;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t first = ((uintptr_t)start + page - 1) & ~(page - 1);
    uintptr_t last = (uintptr_t)end & ~(page - 1);
    if (last <= first || !in_executable_segment(first, last, 0) || madvise((void *)first, last - first, MADV_DONTNEED) != 0)
        return 0;
    return (int64_t)(last - first);
}
