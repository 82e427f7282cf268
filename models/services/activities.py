"""活动台账 service: activities with their category figures, and photos of activities and stations."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from models import validation as v
from models.errors import DuplicateRecord, InvalidValue, NotFound
from models.kinds import KINDS
from models.rows import ActivityRow, PhotoRow, row_from
from models.schema import Activity, Photo, Station
from models.services.records import RecordService

ACTIVITY_COLUMNS = KINDS["activities"].stored_columns()

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}
MAX_PHOTO_BYTES = 40 * 1024 * 1024


def same_event(name: Any, start: Any, place: str | None, township: str | None) -> Any:
    """An activity's natural key: name + start date + place, or the township when no place is
    given (the same 送温暖 on the same day in two townships is two events)."""
    where = [Activity.name == name, Activity.start_date == start, Activity.deleted_at.is_(None)]
    if place:
        where.append(Activity.place == place)
    else:
        where.append(Activity.place.is_(None))
        where.append(Activity.township == township if township else Activity.township.is_(None))
    return and_(*where)


def event_label(name: Any, start: Any, place: str | None, township: str | None) -> str:
    return f"{name}（{start}，{place or township or '未填地点'}）"


class ActivityService(RecordService):
    model = Activity
    kind = "activities"
    entity = "activities"
    what = "该活动"
    columns = ACTIVITY_COLUMNS
    row_class = ActivityRow
    search_columns = ("name", "organizer")
    contains_columns = ("place", "summary")
    kind_column = "category"
    date_column = "start_date"
    sort_keys = (
        "name", "category", "start_date", "township", "participants", "person_times", "cash",
    )  # fmt: skip

    def check(self, clean: dict[str, Any], *, partial: bool) -> None:
        if not partial:
            clean.setdefault("include_in_summary", False)
            for money_field in ("cash", "goods_value"):
                if clean.get(money_field) is None:
                    clean[money_field] = v.parse_money(0, money_field)
        start, end = clean.get("start_date"), clean.get("end_date")
        if start and end and end < start:
            raise InvalidValue("end_date", end, "结束日期不能早于开始日期。")
        members, migrants = clean.get("new_members"), clean.get("new_migrant_members")
        if members is not None and migrants is not None and migrants > members:
            raise InvalidValue(
                "new_migrant_members", migrants, "其中农民工会员不能多于新发展会员总数。"
            )

    def before_create(self, s: Session, obj: Any, clean: dict[str, Any]) -> None:
        self._refuse_duplicate(s, clean, None)
        self._check_station(s, clean)

    def before_update(self, s: Session, obj: Any, clean: dict[str, Any]) -> None:
        self._refuse_duplicate(s, clean, obj)
        self._check_station(s, clean)
        start = clean.get("start_date", obj.start_date)
        end = clean.get("end_date", obj.end_date)
        if start and end and end < start:
            raise InvalidValue("end_date", end, "结束日期不能早于开始日期。")

    def _refuse_duplicate(self, s: Session, clean: dict[str, Any], obj: Activity | None) -> None:
        key = {
            name: clean.get(name, getattr(obj, name) if obj else None)
            for name in ("name", "start_date", "place", "township")
        }
        stmt = select(Activity.id).where(same_event(*key.values()))
        if obj is not None:
            stmt = stmt.where(Activity.id != obj.id)
        if s.scalar(stmt.limit(1)):
            raise DuplicateRecord(
                "name", event_label(*key.values()), label="同一天、同一地点开始的同名活动"
            )

    @staticmethod
    def _check_station(s: Session, clean: dict[str, Any]) -> None:
        station_id = clean.get("station_id")
        if station_id and not s.scalar(
            select(Station.id).where(Station.id == station_id, Station.deleted_at.is_(None))
        ):
            raise NotFound("依托阵地", station_id)

    def label(self, obj: Any) -> str:
        return f"{obj.start_date} {obj.name}"

    def find(
        self, name: str, start_date: Any, place: str | None = None, township: str | None = None
    ) -> ActivityRow | None:
        """The live activity of this natural key (see `same_event`)."""
        with self.ledger.db.read() as s:
            obj = s.scalar(select(Activity).where(same_event(name, start_date, place, township)))
            return self.to_row(obj) if obj else None

    # ---- photos --------------------------------------------------------------------------

    def photos(
        self, *, activity_id: int | None = None, station_id: int | None = None
    ) -> list[PhotoRow]:
        stmt = select(Photo).where(Photo.deleted_at.is_(None))
        stmt = stmt.where(
            Photo.activity_id == activity_id if activity_id else Photo.station_id == station_id
        )
        with self.ledger.db.read() as s:
            return [
                row_from(PhotoRow, p) for p in s.scalars(stmt.order_by(Photo.position, Photo.id))
            ]

    def first_photos(self, activity_ids: list[int]) -> dict[int, PhotoRow]:
        """Each listed activity's first photo (by position), in one read: the summary places one
        photo per told activity and asks for all of them at once."""
        if not activity_ids:
            return {}
        stmt = (
            select(Photo)
            .where(Photo.deleted_at.is_(None), Photo.activity_id.in_(activity_ids))
            .order_by(Photo.activity_id, Photo.position, Photo.id)
        )
        first: dict[int, PhotoRow] = {}
        with self.ledger.db.read() as s:
            for photo in s.scalars(stmt):
                if photo.activity_id is not None and photo.activity_id not in first:
                    first[photo.activity_id] = row_from(PhotoRow, photo)
        return first

    def photo_file(self, photo: PhotoRow) -> Path:
        """The photo's file on disk (paths are stored relative to the attachments folder)."""
        return self.ledger.db.files_dir / photo.path

    def add_photo(
        self,
        source: str | Path,
        caption: str,
        *,
        activity_id: int | None = None,
        station_id: int | None = None,
        taken_on: Any = None,
    ) -> PhotoRow:
        """Copy an image into the data folder and attach it with its one-line caption."""
        self.require("edit")
        if (activity_id is None) == (station_id is None):
            raise InvalidValue(None, source, "照片必须属于一项活动或一个阵地。", label="照片")
        source = Path(source)
        self._check_image(source)
        caption_text = v.clean_text(caption, "caption", max_len=200) or ""
        when = v.parse_date(taken_on, "taken_on")
        relative = Path("照片") / f"{uuid.uuid4().hex}{source.suffix.lower()}"
        target = self.ledger.db.files_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        try:
            with self.ledger.db.begin() as s:
                owner_label = self._owner_label(s, activity_id, station_id)
                position = (
                    s.scalar(
                        select(func.count(Photo.id)).where(
                            Photo.activity_id == activity_id
                            if activity_id
                            else Photo.station_id == station_id
                        )
                    )
                    or 0
                )
                photo = Photo(
                    activity_id=activity_id,
                    station_id=station_id,
                    path=relative.as_posix(),
                    caption=caption_text,
                    taken_on=when,
                    position=position,
                    created_by=self.actor.name,
                )
                s.add(photo)
                s.flush()
                self.audit(
                    s,
                    "create",
                    "photos",
                    photo.id,
                    f"{owner_label} 照片",
                    {"caption": [None, caption_text], "path": [None, relative.as_posix()]},
                )
                return row_from(PhotoRow, photo)
        except Exception:
            target.unlink(missing_ok=True)  # no orphan file when the record was not written
            raise

    def set_caption(self, photo_id: int, caption: str) -> PhotoRow:
        self.require("edit")
        text = v.clean_text(caption, "caption", max_len=200) or ""
        with self.ledger.db.begin() as s:
            photo = s.get(Photo, photo_id)
            if photo is None or photo.deleted_at is not None:
                raise NotFound("照片", photo_id)
            if photo.caption != text:
                self.audit(
                    s, "update", "photos", photo.id, "照片说明", {"caption": [photo.caption, text]}
                )
                photo.caption = text
            s.flush()
            return row_from(PhotoRow, photo)

    def delete_photo(self, photo_id: int) -> None:
        self.ledger.recycle.delete("photos", photo_id)

    @staticmethod
    def _check_image(source: Path) -> None:
        if not source.is_file():
            raise InvalidValue(None, source, "文件不存在，请重新选择。", label="照片")
        if source.suffix.lower() not in PHOTO_SUFFIXES:
            raise InvalidValue(
                None, source.name, "只能添加 JPG、PNG、BMP、GIF、WEBP 或 TIFF 图片。", label="照片"
            )
        if source.stat().st_size > MAX_PHOTO_BYTES:
            raise InvalidValue(None, source.name, "图片超过40MB，请先压缩后再添加。", label="照片")
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(source) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise InvalidValue(
                None, source.name, "无法识别为图片，文件可能已损坏。", label="照片"
            ) from exc

    @staticmethod
    def _owner_label(s: Session, activity_id: int | None, station_id: int | None) -> str:
        if activity_id:
            a = s.get(Activity, activity_id)
            if a is None or a.deleted_at is not None:
                raise NotFound("活动", activity_id)
            return a.name
        st = s.get(Station, station_id)
        if st is None or st.deleted_at is not None:
            raise NotFound("服务阵地", station_id)
        return st.name
